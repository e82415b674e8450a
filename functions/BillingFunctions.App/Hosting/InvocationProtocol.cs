using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingFunctions.App.Hosting;

/// <summary>
/// The custom handler invocation request: <c>Data</c> holds trigger and input values keyed by binding name,
/// <c>Metadata</c> the trigger metadata (including <c>sys</c>).
/// </summary>
public sealed record InvocationRequest(
    IReadOnlyDictionary<string, JsonElement>? Data,
    IReadOnlyDictionary<string, JsonElement>? Metadata);

/// <summary>
/// The custom handler invocation response: <c>Outputs</c> keyed by output binding name, <c>Logs</c> shown with the
/// invocation, <c>ReturnValue</c> for a <c>$return</c> binding.
/// </summary>
public sealed record InvocationResponse(
    IReadOnlyDictionary<string, JsonElement> Outputs,
    IReadOnlyList<string> Logs,
    JsonElement? ReturnValue);

internal static class InvocationJson
{
    /// <summary>The host writes and reads these payloads with PascalCase names.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// A string trigger value as the handler should see it. The host serializes string inputs with
    /// JsonConvert.SerializeObject before putting them into Data, so a queue message <c>{"a":1}</c> arrives as the
    /// JSON string <c>"\"{\\\"a\\\":1}\""</c>; undo that one layer when it is there.
    /// </summary>
    public static string ReadString(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
                {
                    try
                    {
                        return JsonSerializer.Deserialize<string>(text) ?? text;
                    }
                    catch (JsonException)
                    {
                        return text;
                    }
                }
                return text;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return "";
            default:
                return value.GetRawText();
        }
    }

    /// <summary>A JSON trigger value, whether the host sent it as an object or as a string holding JSON.</summary>
    public static T? ReadObject<T>(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? JsonSerializer.Deserialize<T>(ReadString(value), Options)
        : value.Deserialize<T>(Options);

    /// <summary>Metadata numbers come as numbers or, after the host's string serialization, as strings.</summary>
    public static long? ReadInt64(IReadOnlyDictionary<string, JsonElement> metadata, string key)
    {
        if (!metadata.TryGetValue(key, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)) return number;
        return long.TryParse(ReadString(value), out number) ? number : null;
    }

    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);
}
