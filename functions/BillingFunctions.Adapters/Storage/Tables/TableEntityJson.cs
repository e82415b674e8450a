using System.Globalization;
using System.Text.Json;
using Azure;

namespace BillingFunctions.Adapters.Storage;

/// <summary>
/// OData JSON for entities. Types JSON cannot carry exactly travel as strings with an
/// <c>Name@odata.type</c> annotation: Int64 (beyond 2^53), DateTime with 7 fractional digits
/// (so every tick survives), Guid, Binary (base64), and Double (so 1.0 stays a double and NaN/Infinity fit).
/// </summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";
    internal const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static byte[] Serialize(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, entity);
        return buffer.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in entity)
        {
            // Timestamp is the service's own; null means "no property" in Table storage.
            if (name == nameof(TableEntity.Timestamp) || value is null)
                continue;
            WriteProperty(writer, name, value);
        }
        writer.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s: writer.WriteString(name, s); break;
            case bool b: writer.WriteBoolean(name, b); break;
            case int i: writer.WriteNumber(name, i); break;
            case long l: Annotated(writer, name, "Edm.Int64", l.ToString(CultureInfo.InvariantCulture)); break;
            case double d: WriteDouble(writer, name, d); break;
            case DateTimeOffset dto: Annotated(writer, name, "Edm.DateTime", FormatDateTime(dto)); break;
            case DateTime dt: Annotated(writer, name, "Edm.DateTime", FormatDateTime(dt)); break;
            case Guid g: Annotated(writer, name, "Edm.Guid", g.ToString("D")); break;
            case byte[] bytes: Annotated(writer, name, "Edm.Binary", Convert.ToBase64String(bytes)); break;
            case BinaryData data: Annotated(writer, name, "Edm.Binary", Convert.ToBase64String(data.ToArray())); break;
            default:
                throw new NotSupportedException(
                    $"Property '{name}' has type {value.GetType().Name}, which Table storage cannot hold.");
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        writer.WriteString(name + TypeSuffix, "Edm.Double");
        if (double.IsFinite(value))
            writer.WriteNumber(name, value);
        else
            writer.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    private static void Annotated(Utf8JsonWriter writer, string name, string edmType, string value)
    {
        writer.WriteString(name + TypeSuffix, edmType);
        writer.WriteString(name, value);
    }

    internal static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    internal static string FormatDateTime(DateTime value) =>
        FormatDateTime(new DateTimeOffset(value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value));

    public static TableEntity Read(JsonElement json)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            if (property.Name.EndsWith(TypeSuffix, StringComparison.Ordinal))
                types[property.Name[..^TypeSuffix.Length]] = property.Value.GetString() ?? "";
        }

        var entity = new TableEntity();
        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name == "odata.etag")
                entity.ETag = new ETag(property.Value.GetString()!);
            else if (!name.StartsWith("odata.", StringComparison.Ordinal) && !name.Contains('@'))
                entity[name] = ReadValue(name, property.Value, types.GetValueOrDefault(name) ?? SystemType(name));
        }
        return entity;
    }

    private static object? ReadValue(string name, JsonElement value, string? edmType)
    {
        if (value.ValueKind == JsonValueKind.Null)
            return null;
        return edmType switch
        {
            "Edm.Int64" => long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            "Edm.DateTime" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            "Edm.Guid" => Guid.Parse(value.GetString()!),
            "Edm.Binary" => Convert.FromBase64String(value.GetString()!),
            "Edm.Double" => ReadDouble(value),
            "Edm.Int32" => value.ValueKind == JsonValueKind.String ? int.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt32(),
            "Edm.Boolean" => value.GetBoolean(),
            "Edm.String" => value.GetString(),
            null => ReadUntyped(value),
            _ => throw new NotSupportedException($"Property '{name}' has unknown type {edmType}."),
        };
    }

    // Minimal metadata leaves Timestamp unannotated: its type is known from the schema.
    private static string? SystemType(string name) => name == nameof(TableEntity.Timestamp) ? "Edm.DateTime" : null;

    private static object? ReadUntyped(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt32(out var i) => i,
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetRawText(),
    };

    private static double ReadDouble(JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? value.GetDouble()
        : value.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" or "INF" => double.PositiveInfinity,
            "-Infinity" or "-INF" => double.NegativeInfinity,
            var text => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
}
