namespace BillingFunctions.App.Webhooks;

/// <summary>A Stripe event as received: the raw signed body, kept byte for byte, and whether it has been applied.</summary>
public sealed record StoredStripeEvent(
    string Tenant,
    string EventId,
    string Type,
    string Payload,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AppliedAt);
