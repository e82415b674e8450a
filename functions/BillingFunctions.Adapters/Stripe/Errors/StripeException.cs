using System.Net;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>An error answer from Stripe, with the fields Stripe's <c>error</c> object carries.</summary>
public class StripeException : Exception
{
    /// <summary>Creates the exception from Stripe's error fields.</summary>
    public StripeException(StripeError error, HttpStatusCode? httpStatus, string? requestId, Exception? innerException = null)
        : base(error.Message ?? $"Stripe answered {(int?)httpStatus} {error.Type}", innerException)
    {
        Error = error;
        HttpStatus = httpStatus;
        RequestId = requestId;
    }

    /// <summary>The HTTP status Stripe answered with; null when no answer arrived.</summary>
    public HttpStatusCode? HttpStatus { get; }

    /// <summary>Stripe's <c>Request-Id</c> header, to quote to Stripe support.</summary>
    public string? RequestId { get; }

    /// <summary>The whole error object as Stripe sent it.</summary>
    public StripeError Error { get; }

    /// <summary>Error type: <c>card_error</c>, <c>invalid_request_error</c>, <c>idempotency_error</c>, <c>api_error</c>.</summary>
    public string? Type => Error.Type;

    /// <summary>Short machine-readable code, e.g. <c>card_declined</c>, <c>resource_missing</c>, <c>lock_timeout</c>.</summary>
    public string? Code => Error.Code;

    /// <summary>The parameter the error is about, when there is one.</summary>
    public string? Param => Error.Param;
}

/// <summary>The card was declined or could not be charged (HTTP 402, type <c>card_error</c>).</summary>
public sealed class CardException(StripeError error, HttpStatusCode? httpStatus, string? requestId)
    : StripeException(error, httpStatus, requestId)
{
    /// <summary>The issuer's reason, e.g. <c>insufficient_funds</c>, <c>lost_card</c>, <c>generic_decline</c>.</summary>
    public string? DeclineCode => Error.DeclineCode;

    /// <summary>The failed charge, when one was created.</summary>
    public string? Charge => Error.Charge;
}

/// <summary>The request was invalid or named something that does not exist (HTTP 400 or 404).</summary>
public sealed class InvalidRequestException(StripeError error, HttpStatusCode? httpStatus, string? requestId)
    : StripeException(error, httpStatus, requestId);

/// <summary>An <c>Idempotency-Key</c> was reused with different parameters, or is still in flight.</summary>
public sealed class IdempotencyException(StripeError error, HttpStatusCode? httpStatus, string? requestId)
    : StripeException(error, httpStatus, requestId);

/// <summary>Too many requests (HTTP 429) and retries did not get through.</summary>
public sealed class RateLimitException(StripeError error, HttpStatusCode? httpStatus, string? requestId)
    : StripeException(error, httpStatus, requestId);

/// <summary>The API key is missing, wrong or revoked (HTTP 401).</summary>
public sealed class AuthenticationException(StripeError error, HttpStatusCode? httpStatus, string? requestId)
    : StripeException(error, httpStatus, requestId);

/// <summary>Stripe failed on its side (HTTP 5xx) and retries did not get through.</summary>
public sealed class ApiException(StripeError error, HttpStatusCode? httpStatus, string? requestId)
    : StripeException(error, httpStatus, requestId);

/// <summary>No answer from Stripe (network failure or timeout) after every retry.</summary>
public sealed class StripeConnectionException(string message, Exception innerException)
    : StripeException(new StripeError { Type = "connection_error", Message = message }, null, null, innerException);
