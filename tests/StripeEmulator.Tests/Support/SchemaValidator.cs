using System.Text.Json;
using System.Text.Json.Nodes;

namespace StripeEmulator.Tests.Support;

/// <summary>
/// Validates JSON against the OpenAPI 3.0 schema subset Stripe's description uses: type, nullable,
/// properties, required, additionalProperties, anyOf/oneOf, enum, items, maxLength and $ref.
/// Strict by default: a property the schema does not declare is an error, because the emulator
/// must not invent fields that real Stripe does not send.
/// </summary>
public sealed class SchemaValidator(JsonObject schemas, bool strict = true)
{
    public IReadOnlyList<string> Validate(JsonNode? value, JsonNode schema)
    {
        var errors = new List<string>();
        Check(value, schema, "$", errors);
        return errors;
    }

    private void Check(JsonNode? value, JsonNode schema, string path, List<string> errors)
    {
        if (schema["$ref"] is { } reference)
        {
            var name = reference.ToString().Split('/')[^1];
            Check(value, schemas[name] ?? throw new InvalidOperationException($"Unknown $ref {reference}"), path, errors);
            return;
        }
        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true) errors.Add($"{path}: null but not nullable");
            return;
        }
        if ((schema["anyOf"] ?? schema["oneOf"]) is JsonArray alternatives)
        {
            var branchErrors = new List<string>();
            foreach (var alternative in alternatives)
            {
                var attempt = new List<string>();
                Check(value, alternative!, path, attempt);
                if (attempt.Count == 0) return;
                branchErrors.AddRange(attempt);
            }
            errors.Add($"{path}: matches no anyOf branch ({string.Join("; ", branchErrors.Take(4))})");
            return;
        }
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
            errors.Add($"{path}: {value.ToJsonString()} is not one of {allowed.ToJsonString()}");

        switch (schema["type"]?.ToString())
        {
            case "string":
                if (Kind(value) != JsonValueKind.String) errors.Add($"{path}: expected string, got {value.ToJsonString()}");
                else if (schema["maxLength"] is { } max && value.ToString().Length > max.GetValue<int>()) errors.Add($"{path}: longer than {max}");
                break;
            case "integer":
                if (Kind(value) != JsonValueKind.Number || !long.TryParse(value.ToJsonString(), out _)) errors.Add($"{path}: expected integer, got {value.ToJsonString()}");
                break;
            case "number":
                if (Kind(value) != JsonValueKind.Number) errors.Add($"{path}: expected number, got {value.ToJsonString()}");
                break;
            case "boolean":
                if (Kind(value) is not (JsonValueKind.True or JsonValueKind.False)) errors.Add($"{path}: expected boolean, got {value.ToJsonString()}");
                break;
            case "array":
                if (value is not JsonArray array) { errors.Add($"{path}: expected array"); break; }
                for (var i = 0; i < array.Count; i++) Check(array[i], schema["items"] ?? new JsonObject(), $"{path}[{i}]", errors);
                break;
            case "object":
                if (value is not JsonObject obj) { errors.Add($"{path}: expected object"); break; }
                CheckObject(obj, schema, path, errors);
                break;
            case null when schema["properties"] is not null && value is JsonObject untyped:
                CheckObject(untyped, schema, path, errors);
                break;
        }
    }

    private void CheckObject(JsonObject obj, JsonNode schema, string path, List<string> errors)
    {
        var properties = schema["properties"]?.AsObject();
        foreach (var required in schema["required"]?.AsArray() ?? [])
            if (!obj.ContainsKey(required!.ToString())) errors.Add($"{path}: missing required property '{required}'");
        foreach (var (name, child) in obj)
        {
            if (properties?[name] is { } propertySchema) Check(child, propertySchema, $"{path}.{name}", errors);
            else if (schema["additionalProperties"] is JsonObject additional) Check(child, additional, $"{path}.{name}", errors);
            else if (schema["additionalProperties"] is JsonValue v && v.GetValue<bool>() == false) errors.Add($"{path}: property '{name}' not allowed");
            else if (strict && properties is not null) errors.Add($"{path}: property '{name}' is not in the schema");
        }
    }

    private static JsonValueKind Kind(JsonNode node) => node.GetValueKind();
}
