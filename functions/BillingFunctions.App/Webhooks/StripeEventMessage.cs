using System.Text.Json;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Webhooks;

/// <summary>The <c>stripe-events</c> queue message: which stored event to apply. The event itself stays in the table.</summary>
public sealed record StripeEventMessage(string Tenant, string EventId)
{
    public const string QueueName = "stripe-events";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static StripeEventMessage Parse(string json) =>
        JsonSerializer.Deserialize<StripeEventMessage>(json, Json) is { Tenant.Length: > 0, EventId.Length: > 0 } message
            ? message
            : throw new JsonException("A stripe-events message needs tenant and eventId.");
}
