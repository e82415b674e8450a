using System.Net;
using Stripe;

namespace BillingFunctions.Adapters.StripeApi;

/// <summary>What kind of failure a <see cref="StripeException"/> is, read from Stripe's <c>error</c> object and status.</summary>
public static class StripeErrors
{
    /// <summary>The card was declined or could not be charged (<c>card_error</c>, HTTP 402).</summary>
    public static bool IsCardError(this StripeException e) => e.StripeError?.Type == "card_error";

    /// <summary>
    /// Stripe refused what we asked for the state of its objects or our parameters (<c>invalid_request_error</c>, or a
    /// 400/404 without a type); not a bad key (401), a rate limit (429), a reused idempotency key or Stripe failing.
    /// </summary>
    public static bool IsInvalidRequest(this StripeException e) =>
        e.HttpStatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests) && (int)e.HttpStatusCode < 500
        && e.StripeError?.Type is not ("card_error" or "idempotency_error" or "api_error")
        && (e.StripeError?.Type == "invalid_request_error" || e.HttpStatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound);

    /// <summary>The object named does not exist in the account (HTTP 404).</summary>
    public static bool IsNotFound(this StripeException e) => e.HttpStatusCode == HttpStatusCode.NotFound;

    /// <summary>The issuer's reason for a decline (<c>insufficient_funds</c>, ...), else Stripe's code (<c>card_declined</c>).</summary>
    public static string? DeclineCode(this StripeException e) => e.StripeError?.DeclineCode ?? e.StripeError?.Code;

    /// <summary>Stripe's short code (<c>invoice_already_paid</c>, <c>resource_missing</c>, ...).</summary>
    public static string? Code(this StripeException e) => e.StripeError?.Code;
}
