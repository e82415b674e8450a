using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>How Stripe's JSON maps onto our records: snake_case names, unix-second timestamps.</summary>
internal static class StripeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new UnixSecondsConverter() },
    };
}

/// <summary>Stripe sends every timestamp as whole seconds since the unix epoch.</summary>
internal sealed class UnixSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64());

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeSeconds());
}

/// <summary>
/// Reads an expandable field (<c>"customer": "cus_1"</c> or, when expanded, <c>"customer": {"id": "cus_1", ...}</c>)
/// as its id, so a caller that asks for expansion elsewhere never breaks these records.
/// </summary>
internal sealed class ExpandableIdConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
