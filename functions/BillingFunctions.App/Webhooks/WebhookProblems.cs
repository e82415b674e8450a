namespace BillingFunctions.App.Webhooks;

/// <summary>RFC 9457 answers of the webhook endpoint, each with a stable type.</summary>
internal static class WebhookProblems
{
    private const string TypeBase = "https://billing-functions.dev/problems/";

    public static IResult InvalidSignature(string reason) =>
        TypedResults.Problem(title: "The Stripe signature is not valid.", detail: reason, statusCode: 400, type: TypeBase + "invalid-webhook-signature");

    public static IResult NotAnEvent() =>
        TypedResults.Problem(title: "The body is not a Stripe event.", detail: "Expected a JSON object with an id and a type.", statusCode: 400, type: TypeBase + "not-a-stripe-event");

    public static IResult UnknownTenant(string tenant) =>
        TypedResults.Problem(title: "No webhook endpoint for this tenant.", detail: $"Tenant '{tenant}' has no webhook secret configured.", statusCode: 404, type: TypeBase + "unknown-tenant");

    public static IResult TooLarge() =>
        TypedResults.Problem(title: "The body is too large for a Stripe event.", statusCode: 413, type: TypeBase + "webhook-too-large");
}
