namespace BillingFunctions.Adapters.Stripe;

/// <summary>Why a webhook delivery was not accepted.</summary>
public enum WebhookRejection
{
    /// <summary>Accepted.</summary>
    None,

    /// <summary>No <c>Stripe-Signature</c> header.</summary>
    MissingHeader,

    /// <summary>The header is not <c>t=...,v1=...</c> with a numeric timestamp.</summary>
    MalformedHeader,

    /// <summary>The header carries no <c>v1</c> signature (only other schemes, like the test-mode <c>v0</c>).</summary>
    NoV1Signature,

    /// <summary>No <c>v1</c> signature matches the body under any active secret: tampered body or wrong secret.</summary>
    NoMatchingSignature,

    /// <summary>Signed correctly but too long ago (or too far ahead): possibly a replay.</summary>
    TimestampOutsideTolerance,
}

/// <summary>The outcome of checking a <c>Stripe-Signature</c> header.</summary>
/// <param name="Rejection"><see cref="WebhookRejection.None"/> when accepted.</param>
/// <param name="SignedAt">The header's timestamp, when it could be read.</param>
public readonly record struct WebhookVerificationResult(WebhookRejection Rejection, DateTimeOffset? SignedAt)
{
    /// <summary>True when a signature matched within the tolerance.</summary>
    public bool IsValid => Rejection == WebhookRejection.None;

    /// <summary>A sentence for logs and the 400 answer; never contains the secret.</summary>
    public string Reason => Rejection switch
    {
        WebhookRejection.None => "Signature verified",
        WebhookRejection.MissingHeader => "The Stripe-Signature header is missing",
        WebhookRejection.MalformedHeader => "The Stripe-Signature header is malformed (expected t=<unix seconds>,v1=<hex>)",
        WebhookRejection.NoV1Signature => "The Stripe-Signature header has no v1 signature",
        WebhookRejection.NoMatchingSignature => "No v1 signature matches the body under any active webhook secret",
        WebhookRejection.TimestampOutsideTolerance => "The signature's timestamp is outside the tolerance",
        _ => Rejection.ToString(),
    };
}
