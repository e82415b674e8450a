using System.Collections;
using Azure;

namespace BillingFunctions.Adapters.Storage;

/// <summary>
/// A table entity: a dictionary of typed properties plus the system properties PartitionKey, RowKey,
/// Timestamp and ETag. Supported value types: string, int, long, bool, double, DateTimeOffset,
/// DateTime, Guid, byte[] and BinaryData. Reading a missing key through the indexer returns null.
/// </summary>
public class TableEntity : IDictionary<string, object?>
{
    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    /// <summary>Creates an empty entity.</summary>
    public TableEntity()
    {
    }

    /// <summary>Creates an entity with its keys.</summary>
    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>Creates an entity holding a copy of the given properties.</summary>
    public TableEntity(IDictionary<string, object?> properties)
    {
        foreach (var (key, value) in properties)
            _properties[key] = value;
    }

    /// <summary>The partition key; entities in one partition can change together in a transaction.</summary>
    public string PartitionKey
    {
        get => GetString(nameof(PartitionKey)) ?? "";
        set => _properties[nameof(PartitionKey)] = value;
    }

    /// <summary>The row key, unique within the partition.</summary>
    public string RowKey
    {
        get => GetString(nameof(RowKey)) ?? "";
        set => _properties[nameof(RowKey)] = value;
    }

    /// <summary>When the service last modified the entity; set by the service, never sent.</summary>
    public DateTimeOffset? Timestamp
    {
        get => GetDateTimeOffset(nameof(Timestamp));
        set => _properties[nameof(Timestamp)] = value;
    }

    /// <summary>The version the entity had when it was read; pass it back for optimistic concurrency.</summary>
    public ETag ETag { get; set; }

    /// <summary>Gets a property, or null when it is absent.</summary>
    public object? this[string key]
    {
        get => _properties.GetValueOrDefault(key);
        set => _properties[key] = value;
    }

    /// <summary>Gets a string property; null when absent; throws when it holds another type.</summary>
    public string? GetString(string key) => Reference<string>(key, _properties.GetValueOrDefault(key));

    /// <summary>Gets an Int32 property; null when absent; throws when it holds another type.</summary>
    public int? GetInt32(string key) => Value<int>(key, _properties.GetValueOrDefault(key));

    /// <summary>Gets a Boolean property; null when absent; throws when it holds another type.</summary>
    public bool? GetBoolean(string key) => Value<bool>(key, _properties.GetValueOrDefault(key));

    /// <summary>Gets a Guid property; null when absent; throws when it holds another type.</summary>
    public Guid? GetGuid(string key) => Value<Guid>(key, _properties.GetValueOrDefault(key));

    /// <summary>Gets an Int64 property (an Int32 widens); null when absent.</summary>
    public long? GetInt64(string key) => _properties.GetValueOrDefault(key) switch
    {
        int i => i,
        var other => Value<long>(key, other),
    };

    /// <summary>Gets a Double property (an Int32 widens); null when absent.</summary>
    public double? GetDouble(string key) => _properties.GetValueOrDefault(key) switch
    {
        int i => i,
        var other => Value<double>(key, other),
    };

    /// <summary>Gets a date-time property (a DateTime of unspecified kind counts as UTC); null when absent.</summary>
    public DateTimeOffset? GetDateTimeOffset(string key) => _properties.GetValueOrDefault(key) switch
    {
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d),
        var other => Value<DateTimeOffset>(key, other),
    };

    /// <summary>Gets a binary property; null when absent.</summary>
    public byte[]? GetBinary(string key) => _properties.GetValueOrDefault(key) switch
    {
        BinaryData b => b.ToArray(),
        var other => Reference<byte[]>(key, other),
    };

    private static T? Value<T>(string key, object? value) where T : struct => value switch
    {
        null => null,
        T typed => typed,
        _ => throw WrongType(key, value, typeof(T)),
    };

    private static T? Reference<T>(string key, object? value) where T : class => value switch
    {
        null => null,
        T typed => typed,
        _ => throw WrongType(key, value, typeof(T)),
    };

    private static InvalidOperationException WrongType(string key, object value, Type wanted) =>
        new($"Property '{key}' holds a {value.GetType().Name}, not a {wanted.Name}.");

    public ICollection<string> Keys => _properties.Keys;
    public ICollection<object?> Values => _properties.Values;
    public int Count => _properties.Count;
    public bool IsReadOnly => false;
    public void Add(string key, object? value) => _properties.Add(key, value);
    public bool ContainsKey(string key) => _properties.ContainsKey(key);
    public bool Remove(string key) => _properties.Remove(key);
    public bool TryGetValue(string key, out object? value) => _properties.TryGetValue(key, out value);
    public void Add(KeyValuePair<string, object?> item) => _properties.Add(item.Key, item.Value);
    public void Clear() => _properties.Clear();
    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);
    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);
    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
