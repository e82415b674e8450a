using Stripe;

namespace BillingFunctions.Adapters.StripeApi;

/// <summary>
/// Checks a webhook delivery with Stripe.net's <see cref="EventUtility.ConstructEvent(string, string, string, long, long, bool)"/>
/// under each of the endpoint's active secrets in turn (two while Stripe rolls the secret), with Stripe's tolerance of
/// five minutes, and refuses events rendered in another API release than the one Stripe.net reads.
/// </summary>
public sealed class StripeWebhookVerifier(TimeProvider time)
{
    /// <summary>Stripe's default: a signature older or newer than five minutes may be a replay.</summary>
    public const long ToleranceSeconds = EventUtility.DefaultTimeTolerance;

    /// <summary>Verifies a delivery.</summary>
    /// <param name="payload">The raw body, as received.</param>
    /// <param name="signatureHeader">The <c>Stripe-Signature</c> header.</param>
    /// <param name="secrets">The endpoint's active signing secrets (<c>whsec_...</c>), at least one.</param>
    public WebhookVerification Verify(string payload, string? signatureHeader, IReadOnlyList<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.Count == 0 || secrets.Any(string.IsNullOrEmpty))
            throw new ArgumentException("At least one non-empty webhook secret is required", nameof(secrets));
        if (string.IsNullOrWhiteSpace(signatureHeader)) return WebhookVerification.Rejected("The Stripe-Signature header is missing");

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        string? reason = null;
        foreach (var secret in secrets)
        {
            Event parsed;
            try
            {
                // The version is checked below, to tell an old endpoint from a forged delivery.
                parsed = EventUtility.ConstructEvent(payload, signatureHeader, secret, ToleranceSeconds, now, throwOnApiVersionMismatch: false);
            }
            catch (Exception e) when (e is StripeException or FormatException or OverflowException)
            {
                // A malformed header or timestamp fails for every secret alike; a wrong secret only for this one.
                reason = e.Message;
                continue;
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
            {
                return WebhookVerification.NotAnEvent($"The signed body is not a Stripe event: {e.Message}");
            }
            if (parsed is not { Id.Length: > 0, Type.Length: > 0 }) return WebhookVerification.NotAnEvent("The signed body has no event id or type");
            return EventUtility.IsCompatibleApiVersion(parsed.ApiVersion ?? "")
                ? WebhookVerification.Accepted(parsed)
                : WebhookVerification.NotAnEvent(
                    $"The event is rendered in API version {parsed.ApiVersion}; this endpoint reads {StripeConfiguration.ApiVersion}.");
        }
        return WebhookVerification.Rejected(reason ?? "No signature matches");
    }
}

/// <summary>The outcome of a delivery's check: the event, or why there is none.</summary>
/// <param name="Event">The verified event; null when rejected.</param>
/// <param name="Reason">Why it was rejected (never names a secret); null when accepted.</param>
/// <param name="SignatureValid">False when the signature did not verify, true when it did (even if the body is no event we read).</param>
public sealed record WebhookVerification(Event? Event, string? Reason, bool SignatureValid)
{
    public static WebhookVerification Accepted(Event stripeEvent) => new(stripeEvent, null, true);
    public static WebhookVerification Rejected(string reason) => new(null, reason, false);
    public static WebhookVerification NotAnEvent(string reason) => new(null, reason, true);
}
