using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.Domain.Common;
using Stripe;

namespace BillingFunctions.App.Http;

/// <summary>
/// RFC 9457 problem responses. Each kind of error has a stable <c>type</c> URI the CRM can switch on; the
/// <c>detail</c> is for people and may change. Every type the app answers with is in <see cref="Types"/>, which the
/// OpenAPI document lists.
/// </summary>
public static class Problems
{
    public const string TypeBase = "https://billing-functions.example/problems/";

    /// <summary>Each problem type (after <see cref="TypeBase"/>) and when it is answered.</summary>
    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>
    {
        ["invalid-request"] = "400: a parameter or body field is missing, malformed, out of range or too long.",
        ["currency-mismatch"] = "400: the currency differs from the customer's.",
        ["unauthenticated"] = "401: no valid API key, acting user or platform key.",
        ["card-declined"] = "402: the customer's card was declined.",
        ["forbidden"] = "403: the caller's role does not allow this.",
        ["not-found"] = "404: no such resource, or one the caller may not see, or no such route.",
        ["method-not-allowed"] = "405: the route exists but not with this method; the Allow header lists those it has.",
        ["illegal-transition"] = "409: not possible in the resource's current state.",
        ["conflict"] = "409: the resource changed meanwhile or exists already.",
        ["last-admin"] = "409: the change would leave the tenant without an admin.",
        ["connect-not-configured"] = "409: a Connect tenant needs the platform's Stripe key, and none is configured.",
        ["request-in-progress"] = "409: a request with this Idempotency-Key is still running.",
        ["stripe-refused"] = "409: Stripe refused the request for the state of its objects.",
        ["invalid-csv"] = "400: an import file cannot be imported; `errors` lists each bad row's line, column and reason, and nothing was written.",
        ["csv-too-large"] = "413: an import file is larger than the API takes.",
        ["unsupported-media-type"] = "415: the body is not application/json (text/csv for an import).",
        ["idempotency-key-reused"] = "422: the Idempotency-Key was used for a different request.",
        ["stripe-error"] = "502: Stripe failed or could not be reached.",
        ["error"] = "5xx: an unexpected failure on our side.",
        ["invalid-webhook-signature"] = "400 (Stripe webhook): the Stripe-Signature header does not verify.",
        ["not-a-stripe-event"] = "400 (Stripe webhook): the body is not a Stripe event.",
        ["unknown-tenant"] = "404 (Stripe webhook): the tenant has no webhook secret.",
        ["webhook-too-large"] = "413 (Stripe webhook): the body is larger than any Stripe event.",
        ["clock-backwards"] = "400 (development clock): the clock only moves forward.",
        ["process-not-found"] = "404 (process admin): no such process instance.",
        ["process-not-suspended"] = "409 (process admin): the instance is not suspended.",
        ["process-state"] = "409 (process admin): the orchestration's state does not allow it (suspend needs Running, resume Suspended).",
    };

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
    public static IResult InvalidCsv(string detail, IReadOnlyList<Imports.ImportRowError> errors) =>
        TypedResults.Problem(detail: detail, statusCode: 400, title: "The CSV file cannot be imported.", type: TypeBase + "invalid-csv",
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
    public static IResult ConnectNotConfigured(string detail) => Problem(409, "connect-not-configured",
        "The platform cannot act for Connect accounts.", detail);

    /// <summary>What a Stripe failure means to the caller: a decline, a refusal of what we asked, or Stripe failing us.</summary>
    public static IResult FromStripe(StripeException e) =>
        e.IsCardError() ? CardDeclined($"{e.Message} ({e.DeclineCode()})")
        : e.IsInvalidRequest() ? Problem(409, "stripe-refused", "Stripe refused the request.", e.Message)
        : StripeFailed(e.Message);

    public static IResult From(DomainError error) => error.Code switch
    {
        "not-found" => Problem(404, "not-found", "Not found.", error.Message),
        "illegal-transition" => IllegalTransition(error.Message),
        "forbidden" => Forbidden(error.Message),
        _ => Invalid(error.Message),
    };

    /// <param name="type">One of <see cref="Types"/>.</param>
    public static IResult Problem(int status, string type, string title, string? detail = null) =>
        Types.ContainsKey(type)
            ? TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + type)
            : throw new ArgumentException($"Problem type '{type}' is not in Problems.Types.", nameof(type));

    /// <summary>The type for a problem the framework made (unreadable body, unmatched route, unsupported media type).</summary>
    public static string TypeForStatus(int? status) => TypeBase + status switch
    {
        400 => "invalid-request", 404 => "not-found", 405 => "method-not-allowed", 415 => "unsupported-media-type", _ => "error",
    };
}
