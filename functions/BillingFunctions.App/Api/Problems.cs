using BillingFunctions.Adapters.Stripe;
using BillingFunctions.Domain.Common;

namespace BillingFunctions.App.Api;

/// <summary>
/// RFC 9457 problem responses. Each kind of error has a stable <c>type</c> URI the CRM can switch on; the
/// <c>detail</c> is for people and may change.
/// </summary>
public static class Problems
{
    public const string TypeBase = "https://billing-functions.example/problems/";

    public static IResult Invalid(string detail) => Problem(400, "invalid-request", "The request is invalid.", detail);
    public static IResult CurrencyMismatch(string detail) => Problem(400, "currency-mismatch", "The currency differs from the customer's.", detail);
    public static IResult NotFound(string what) => Problem(404, "not-found", "Not found.", $"There is no {what}.");
    public static IResult Forbidden(string detail) => Problem(403, "forbidden", "Not allowed for your role.", detail);
    public static IResult IllegalTransition(string detail) => Problem(409, "illegal-transition", "Not possible in the current state.", detail);
    public static IResult Conflict(string detail) => Problem(409, "conflict", "The resource changed or already exists.", detail);
    public static IResult LastAdmin(string detail) => Problem(409, "last-admin", "A tenant keeps at least one admin.", detail);
    public static IResult IdempotencyKeyReused() => Problem(422, "idempotency-key-reused", "The Idempotency-Key was used for a different request.",
        "Send a new Idempotency-Key for a different request.");
    public static IResult RequestInProgress() => Problem(409, "request-in-progress", "A request with this Idempotency-Key is still running.",
        "Retry after the first request has finished.");
    public static IResult StripeFailed(string detail) => Problem(502, "stripe-error", "Stripe refused or failed the request.", detail);
    public static IResult CardDeclined(string detail) => Problem(402, "card-declined", "The card was declined.", detail);
    public static IResult ConnectNotConfigured(string detail) => Problem(409, "connect-not-configured", "The platform cannot act for Connect accounts.", detail);

    /// <summary>What a Stripe failure means to the caller: a decline, a refusal of what we asked, or Stripe failing us.</summary>
    public static IResult FromStripe(StripeException e) => e switch
    {
        CardException card => CardDeclined($"{card.Message} ({card.DeclineCode ?? card.Code})"),
        InvalidRequestException invalid => Problem(409, "stripe-refused", "Stripe refused the request.", invalid.Message),
        _ => StripeFailed(e.Message),
    };

    public static IResult From(DomainError error) => error.Code switch
    {
        "not-found" => Problem(404, "not-found", "Not found.", error.Message),
        "illegal-transition" => IllegalTransition(error.Message),
        "forbidden" => Forbidden(error.Message),
        _ => Invalid(error.Message),
    };

    public static IResult Problem(int status, string type, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + type);
}
