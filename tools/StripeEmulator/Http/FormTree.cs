using System.Text.Json.Nodes;

namespace StripeEmulator.Http;

/// <summary>Turns Stripe's bracket-encoded form fields (<c>a[b]=1</c>, <c>a[]=x</c>, <c>a[0][c]=y</c>) into a JSON tree of strings.</summary>
internal static class FormTree
{
    public static JsonObject Parse(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var root = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            var segments = Split(key);
            if (segments is null) throw ApiException.InvalidRequest($"Invalid parameter name: {key}", key);
            Insert(root, segments, value, key);
        }
        return (JsonObject)Normalize(root);
    }

    private static List<string>? Split(string key)
    {
        var open = key.IndexOf('[');
        if (open < 0) return key.Length == 0 ? null : [key];
        var segments = new List<string> { key[..open] };
        var rest = key[open..];
        while (rest.Length > 0)
        {
            if (rest[0] != '[') return null;
            var close = rest.IndexOf(']');
            if (close < 0) return null;
            segments.Add(rest[1..close]);
            rest = rest[(close + 1)..];
        }
        return segments[0].Length == 0 ? null : segments;
    }

    private static void Insert(JsonObject root, List<string> segments, string value, string key)
    {
        var node = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            var name = SegmentName(node, segments[i]);
            if (node[name] is not JsonObject child)
            {
                if (node[name] is JsonValue scalar && scalar.ToString().Length > 0)
                    throw ApiException.InvalidRequest($"Invalid hash: {key}", key);
                child = new JsonObject();
                node[name] = child;
            }
            node = child;
        }
        node[SegmentName(node, segments[^1])] = JsonValue.Create(value);
    }

    // "a[]" appends: the element gets the next free index, so it ends up in an array like "a[0]".
    private static string SegmentName(JsonObject node, string segment) =>
        segment.Length == 0 ? node.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : segment;

    private static JsonNode Normalize(JsonNode node)
    {
        if (node is not JsonObject obj) return node;
        var children = obj.ToList();
        obj.Clear();
        var normalized = children.Select(c => (c.Key, Value: Normalize(c.Value!))).ToList();
        if (normalized.Count > 0 && normalized.All(c => int.TryParse(c.Key, out var n) && n >= 0))
            return new JsonArray(normalized.OrderBy(c => int.Parse(c.Key)).Select(c => (JsonNode?)c.Value).ToArray());
        foreach (var (k, v) in normalized) obj[k] = v;
        return obj;
    }
}
