using System.Text.Json;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>Stripe's <c>error</c> object.</summary>
public sealed record StripeError
{
    /// <summary>Error type, e.g. <c>card_error</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Short code, e.g. <c>card_declined</c>.</summary>
    public string? Code { get; init; }

    /// <summary>The issuer's decline reason for card errors.</summary>
    public string? DeclineCode { get; init; }

    /// <summary>Human-readable message (safe to show to the payer for card errors).</summary>
    public string? Message { get; init; }

    /// <summary>The parameter the error is about.</summary>
    public string? Param { get; init; }

    /// <summary>The failed charge's id for card errors.</summary>
    public string? Charge { get; init; }

    /// <summary>Link to Stripe's documentation of the code.</summary>
    public string? DocUrl { get; init; }
}

internal static class StripeErrors
{
    private sealed record Envelope(StripeError? Error);

    public static StripeException FromResponse(int status, string body, string? requestId)
    {
        var error = TryParse(body) ?? new StripeError { Message = $"Stripe answered HTTP {status} without an error object" };
        var httpStatus = (System.Net.HttpStatusCode)status;
        return (status, error.Type) switch
        {
            (401, _) => new AuthenticationException(error, httpStatus, requestId),
            (429, _) => new RateLimitException(error, httpStatus, requestId),
            (_, "card_error") => new CardException(error, httpStatus, requestId),
            (_, "idempotency_error") => new IdempotencyException(error, httpStatus, requestId),
            (>= 500, _) or (_, "api_error") => new ApiException(error, httpStatus, requestId),
            (_, "invalid_request_error") or (400 or 404, _) => new InvalidRequestException(error, httpStatus, requestId),
            _ => new StripeException(error, httpStatus, requestId),
        };
    }

    private static StripeError? TryParse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<Envelope>(body, StripeJson.Options)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
