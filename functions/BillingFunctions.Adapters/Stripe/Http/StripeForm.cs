using System.Globalization;
using System.Text;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>
/// Builds Stripe's form encoding of nested parameters (<c>metadata[key]=v</c>, <c>expand[]=x</c>,
/// <c>lines[0][amount]=100</c>). Pairs keep the order they were added in, so a request always encodes
/// to the same string; that matters for idempotent replays, which Stripe compares parameter by parameter.
/// </summary>
internal sealed class StripeForm
{
    private readonly List<KeyValuePair<string, string>> pairs;
    private readonly string prefix;

    public StripeForm() : this([], "")
    {
    }

    private StripeForm(List<KeyValuePair<string, string>> pairs, string prefix)
    {
        this.pairs = pairs;
        this.prefix = prefix;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => pairs;

    public StripeForm Add(string name, string? value)
    {
        if (value is not null)
        {
            pairs.Add(new(Key(name), value));
        }
        return this;
    }

    public StripeForm Add(string name, long? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public StripeForm Add(string name, bool? value) =>
        Add(name, value switch { true => "true", false => "false", null => null });

    public StripeForm Add(string name, DateTimeOffset? value) => Add(name, value?.ToUnixTimeSeconds());

    /// <summary>Keys are sorted (ordinal) because dictionaries promise no order.</summary>
    public StripeForm AddMetadata(string name, IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return this;
        }
        var child = Child(name);
        foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            child.Add(key, value);
        }
        return this;
    }

    public StripeForm AddValues(string name, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return this;
        }
        foreach (var value in values)
        {
            pairs.Add(new(Key(name) + "[]", value));
        }
        return this;
    }

    public StripeForm AddObject<T>(string name, T? value, Action<StripeForm, T> write)
        where T : class
    {
        if (value is not null)
        {
            write(Child(name), value);
        }
        return this;
    }

    public StripeForm AddObjects<T>(string name, IReadOnlyList<T>? values, Action<StripeForm, T> write)
    {
        if (values is null)
        {
            return this;
        }
        for (var i = 0; i < values.Count; i++)
        {
            write(Child(name).Child(i.ToString(CultureInfo.InvariantCulture)), values[i]);
        }
        return this;
    }

    /// <summary>
    /// Percent-encodes names and values but leaves the brackets of nested names readable,
    /// as Stripe's own libraries do; Stripe decodes both forms alike.
    /// </summary>
    public string Encode()
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }
            builder.Append(Uri.EscapeDataString(key).Replace("%5B", "[").Replace("%5D", "]"))
                .Append('=')
                .Append(Uri.EscapeDataString(value));
        }
        return builder.ToString();
    }

    private StripeForm Child(string name) => new(pairs, Key(name));

    private string Key(string name) => prefix.Length == 0 ? name : $"{prefix}[{name}]";
}
