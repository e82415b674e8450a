using System.Text.Json;

namespace BillingFunctions.Adapters.Tests.Stripe;

/// <summary>
/// Checks sent parameter names against Stripe's OpenAPI description: form fields against the operation's
/// <c>application/x-www-form-urlencoded</c> request body, query fields against its query parameters, nested
/// names (<c>a[b][0][c]</c>) as deep as the schema describes properties.
/// </summary>
internal sealed class OpenApiParameterCheck
{
    private readonly JsonElement root;

    private OpenApiParameterCheck(JsonDocument document) => root = document.RootElement;

    public static OpenApiParameterCheck Load() =>
        new(JsonDocument.Parse(File.ReadAllBytes(RepoPaths.OpenApiSubset)));

    /// <summary>The spec's path template matching a concrete path, e.g. <c>/v1/invoices/{invoice}/pay</c>.</summary>
    public string? FindOperation(string method, string path)
    {
        foreach (var template in root.GetProperty("paths").EnumerateObject())
        {
            if (Matches(template.Name, path) && template.Value.TryGetProperty(method.ToLowerInvariant(), out _))
            {
                return template.Name;
            }
        }
        return null;
    }

    /// <summary>Returns a description of every parameter name the operation does not define.</summary>
    public IEnumerable<string> UnknownParameters(string method, string template, IEnumerable<string> names)
    {
        var operation = root.GetProperty("paths").GetProperty(template).GetProperty(method.ToLowerInvariant());
        foreach (var name in names)
        {
            var segments = Split(name);
            var schema = method.Equals("GET", StringComparison.OrdinalIgnoreCase)
                ? QueryParameterSchema(operation, segments[0])
                : FormPropertySchema(operation, segments[0]);
            if (schema is null)
            {
                yield return $"{method} {template}: '{segments[0]}' is not a parameter (sent as '{name}')";
            }
            else if (!Accepts(schema.Value, segments, 1))
            {
                yield return $"{method} {template}: nested name '{name}' is not in the schema of '{segments[0]}'";
            }
        }
    }

    private static bool Matches(string template, string path)
    {
        var t = template.Split('/');
        var p = path.Split('/');
        return t.Length == p.Length && t.Zip(p).All(x => x.First.StartsWith('{') || x.First == x.Second);
    }

    private static List<string> Split(string name)
    {
        var open = name.IndexOf('[');
        if (open < 0)
        {
            return [name];
        }
        var segments = new List<string> { name[..open] };
        segments.AddRange(name[(open + 1)..^1].Split("]["));
        return segments;
    }

    private JsonElement? QueryParameterSchema(JsonElement operation, string name) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray()
                .Where(p => p.GetProperty("in").GetString() == "query" && p.GetProperty("name").GetString() == name)
                .Select(p => (JsonElement?)p.GetProperty("schema")).FirstOrDefault()
            : null;

    private JsonElement? FormPropertySchema(JsonElement operation, string name)
    {
        if (!operation.TryGetProperty("requestBody", out var body)
            || !body.GetProperty("content").TryGetProperty("application/x-www-form-urlencoded", out var form))
        {
            return null;
        }
        var schema = Resolve(form.GetProperty("schema"));
        return schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty(name, out var property)
            ? property
            : null;
    }

    private bool Accepts(JsonElement schema, List<string> segments, int index)
    {
        schema = Resolve(schema);
        if (index == segments.Count)
        {
            return true;
        }
        foreach (var combinator in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var variants)
                && variants.EnumerateArray().Any(v => Accepts(v, segments, index)))
            {
                return true;
            }
        }
        var segment = segments[index];
        if (schema.TryGetProperty("items", out var items) && (segment.Length == 0 || segment.All(char.IsAsciiDigit)))
        {
            return Accepts(items, segments, index + 1);
        }
        if (schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty(segment, out var property))
        {
            return Accepts(property, segments, index + 1);
        }
        return schema.TryGetProperty("additionalProperties", out var additional)
            && additional.ValueKind != JsonValueKind.False
            && (additional.ValueKind == JsonValueKind.True || Accepts(additional, segments, index + 1));
    }

    private JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var node = root;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                node = node.GetProperty(part);
            }
            schema = node;
        }
        return schema;
    }
}
