using BillingFunctions.App.Http;

namespace BillingFunctions.App.Webhooks;

/// <summary>RFC 9457 answers of the webhook endpoint, each with a stable type.</summary>
internal static class WebhookProblems
{
    public static IResult InvalidSignature(string reason) =>
        Problems.Problem(400, "invalid-webhook-signature", "The Stripe signature is not valid.", reason);

    public static IResult NotAnEvent(string? reason) =>
        Problems.Problem(400, "not-a-stripe-event", "The body is not a Stripe event we read.",
            reason ?? "Expected a JSON object with an id and a type.");

    public static IResult UnknownTenant(string tenant) =>
        Problems.Problem(404, "unknown-tenant", "No webhook endpoint for this tenant.", $"Tenant '{tenant}' has no webhook secret configured.");

    public static IResult TooLarge() =>
        Problems.Problem(413, "webhook-too-large", "The body is too large for a Stripe event.");
}
