using System.Globalization;
using System.Text.Json.Nodes;

namespace StripeEmulator.Http;

/// <summary>Typed reads of a request's parameters; paths use dots (<c>invoice_settings.default_payment_method</c>).</summary>
internal sealed class Params(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public bool Has(string path) => Find(path) is not null;

    public string? String(string path) => Find(path) switch
    {
        null => null,
        JsonValue v => v.ToString(),
        _ => throw ApiException.InvalidRequest($"Invalid string: {Display(path)}", Display(path)),
    };

    public string RequiredString(string path) =>
        String(path) is { Length: > 0 } value ? value : throw ApiException.Missing(Display(path));

    /// <summary>Stripe clears a field when it is sent empty; null here means "leave as is".</summary>
    public Optional<string?> Update(string path) => String(path) switch
    {
        null => default,
        "" => new Optional<string?>(null),
        var v => new Optional<string?>(v),
    };

    public long? Long(string path)
    {
        var text = String(path);
        if (string.IsNullOrEmpty(text)) return null;
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw ApiException.InvalidRequest($"Invalid integer: {text}", Display(path));
    }

    /// <summary>
    /// A decimal parameter (<c>unit_amount_decimal</c>, <c>quantity_decimal</c>) that must be a whole number here:
    /// the emulator keeps amounts in integer minor units.
    /// </summary>
    public long? Whole(string path)
    {
        var text = String(path);
        if (string.IsNullOrEmpty(text)) return null;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw ApiException.InvalidRequest($"Invalid decimal: {text}", Display(path));
        return value == decimal.Truncate(value) && value is >= long.MinValue and <= long.MaxValue
            ? (long)value
            : throw ApiException.InvalidRequest($"The emulator only takes whole numbers for {Display(path)}: {text}", Display(path));
    }

    public long RequiredLong(string path) => Long(path) ?? throw ApiException.Missing(Display(path));

    public bool? Bool(string path) => String(path) switch
    {
        null or "" => null,
        "true" => true,
        "false" => false,
        var v => throw ApiException.InvalidRequest($"Invalid boolean: {v}", Display(path)),
    };

    public IReadOnlyList<string> Strings(string path) => Find(path) switch
    {
        null => [],
        JsonArray a => a.Select(x => x?.ToString() ?? "").ToList(),
        JsonValue v when v.ToString().Length == 0 => [],
        JsonValue v => [v.ToString()],
        _ => throw ApiException.InvalidRequest($"Invalid array: {Display(path)}", Display(path)),
    };

    public JsonArray? Array(string path) => Find(path) as JsonArray;

    /// <summary>Applies Stripe's metadata rules: keys merge, an empty value deletes a key, an empty <c>metadata</c> clears all.</summary>
    public void ApplyMetadata(Dictionary<string, string> target, string path = "metadata")
    {
        switch (Find(path))
        {
            case null: return;
            case JsonValue v when v.ToString().Length == 0: target.Clear(); return;
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    var text = value?.ToString() ?? "";
                    if (text.Length == 0) target.Remove(key);
                    else target[key] = text;
                }
                return;
            default: throw ApiException.InvalidRequest($"Invalid hash: {path}", path);
        }
    }

    /// <summary>Stripe answers 400 for parameters an endpoint does not know; clients rely on that to catch typos.</summary>
    public void RejectUnknown(IReadOnlyCollection<string> allowed)
    {
        foreach (var (name, _) in Root)
        {
            if (!allowed.Contains(name))
                throw ApiException.InvalidRequest($"Received unknown parameter: {name}", name, "parameter_unknown");
        }
    }

    private JsonNode? Find(string path)
    {
        JsonNode? node = Root;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(segment, out var child) ? child : null;
            if (node is null) return null;
        }
        return node;
    }

    private static string Display(string path)
    {
        var parts = path.Split('.');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => $"[{p}]"));
    }
}

/// <summary>A value that may be absent, distinct from a present null.</summary>
internal readonly record struct Optional<T>(T Value)
{
    public bool IsSet { get; } = true;
}
