using System.Text.Json;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>
/// A Stripe event, as listed at <c>/v1/events</c> and as delivered to webhooks. Handle by <see cref="Id"/>
/// idempotently: Stripe may deliver one event more than once and out of order.
/// </summary>
public sealed record StripeEvent
{
    /// <summary><c>evt_...</c></summary>
    public required string Id { get; init; }

    /// <summary>E.g. <c>invoice.paid</c>.</summary>
    public required string Type { get; init; }

    /// <summary>When the change happened.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>The API version <see cref="Data"/> is rendered in.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The Connect account the event belongs to; null for the platform's own.</summary>
    public string? Account { get; init; }

    /// <summary>Live or test mode.</summary>
    public bool Livemode { get; init; }

    /// <summary>Deliveries not yet acknowledged.</summary>
    public int PendingWebhooks { get; init; }

    /// <summary>The API request that caused the event, if any.</summary>
    public StripeEventRequest? Request { get; init; }

    /// <summary>The object after the change, and what changed.</summary>
    public required StripeEventData Data { get; init; }

    /// <summary>Parses an event's JSON (a webhook body, once its signature is verified).</summary>
    /// <exception cref="JsonException">The text is not an event.</exception>
    public static StripeEvent Parse(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<StripeEvent>(utf8Json, StripeJson.Options)
        ?? throw new JsonException("The event is null");

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static StripeEvent Parse(string json) =>
        JsonSerializer.Deserialize<StripeEvent>(json, StripeJson.Options)
        ?? throw new JsonException("The event is null");
}

/// <summary>The object an event is about.</summary>
public sealed record StripeEventData
{
    /// <summary>The object as it is after the change (an invoice, a customer, ...).</summary>
    public required JsonElement Object { get; init; }

    /// <summary>For <c>*.updated</c> events: the old values of the fields that changed.</summary>
    public JsonElement? PreviousAttributes { get; init; }

    /// <summary>The object's <c>object</c> field, e.g. <c>invoice</c>.</summary>
    public string? ObjectType =>
        Object.ValueKind == JsonValueKind.Object && Object.TryGetProperty("object", out var type) ? type.GetString() : null;

    /// <summary>Reads the object as one of our records, e.g. <c>ObjectAs&lt;StripeInvoice&gt;()</c>.</summary>
    public T ObjectAs<T>() =>
        Object.Deserialize<T>(StripeJson.Options) ?? throw new JsonException("The event's object is null");
}

/// <summary>The API request behind an event.</summary>
public sealed record StripeEventRequest
{
    /// <summary><c>req_...</c>; null for automatic changes.</summary>
    public string? Id { get; init; }

    /// <summary>The idempotency key of that request.</summary>
    public string? IdempotencyKey { get; init; }
}
