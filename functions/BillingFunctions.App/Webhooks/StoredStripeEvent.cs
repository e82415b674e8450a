namespace BillingFunctions.App.Webhooks;

/// <summary>
/// A Stripe event as received: the raw signed body, kept byte for byte, and whether it has been applied. An event
/// that turned out not to be the tenant's is applied as nothing, and <see cref="IgnoredBecause"/> says why.
/// </summary>
public sealed record StoredStripeEvent(
    string Tenant,
    string EventId,
    string Type,
    string Payload,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AppliedAt,
    string? IgnoredBecause = null);
