using System.Text;
using StripeEmulator.Control;
using StripeEmulator.Faults;

namespace StripeEmulator.Http;

/// <summary>
/// What every <c>/v1</c> request goes through before its endpoint, in Stripe's order of refusals:
/// parse and log, injected faults, API key, API version, rate limit, then idempotency.
/// </summary>
internal sealed class StripePipeline(
    RequestDelegate next, RequestLog log, FaultInjector faults, RateLimiter rateLimiter, IHostApplicationLifetime lifetime, EmulatorOptions options,
    ILogger<StripePipeline> logger)
{
    public const string DefaultVersion = ApiVersion.Current;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context);
            return;
        }

        LoggedRequest? logged = null;
        try
        {
            var request = await StripeRequest.ReadAsync(context, DefaultVersion);
            request.Attach(context);
            context.Response.Headers["Request-Id"] = request.RequestId;
            context.Response.Headers["Stripe-Version"] = request.ApiVersion;
            logged = new LoggedRequest(request.RequestId, request.Method, request.Path, request.Pairs, request.IdempotencyKey,
                request.AccountId, context.Request.Headers["Stripe-Version"].FirstOrDefault(), options.Time.GetUtcNow());
            log.Add(logged);

            if (faults.TryTake(request.Path) is { } status)
            {
                await FailAsync(context, status);
                return;
            }
            Authenticate(context.Request);
            if (!ApiVersion.IsValid(request.ApiVersion))
                throw ApiException.InvalidRequest($"Invalid Stripe API version: {request.ApiVersion}");
            if (!rateLimiter.TryAcquire(request.AccountId ?? ""))
                throw new ApiException(429, "invalid_request_error",
                    "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.") { Code = "rate_limit" };

            await Idempotency.RunAsync(context, request, next);
        }
        catch (ApiException error)
        {
            await WriteErrorAsync(context, error);
        }
        catch (Exception bug) when (!context.Response.HasStarted && bug is not OperationCanceledException)
        {
            logger.LogError(bug, "Unhandled emulator error on {Method} {Path}", context.Request.Method, context.Request.Path.Value);
            await WriteErrorAsync(context, new ApiException(500, "api_error", "An unknown error occurred in the emulator: " + bug.Message));
        }
        finally
        {
            if (logged is not null) logged.Status = context.Response.StatusCode;
        }
    }

    public static async Task WriteErrorAsync(HttpContext context, ApiException error)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(error.ToJson().ToJsonString(StripeEmulator.State.Json.Output));
    }

    private async Task FailAsync(HttpContext context, int status)
    {
        if (status == 0)
        {
            // A hung Stripe: no answer until the client gives up or the emulator stops.
            using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            try { await Task.Delay(Timeout.Infinite, both.Token); } catch (OperationCanceledException) { }
            context.Abort();
            return;
        }
        var error = status switch
        {
            429 => new ApiException(429, "invalid_request_error", "Request rate limit exceeded (injected fault).") { Code = "rate_limit" },
            409 => new ApiException(409, "invalid_request_error",
                "This object cannot be accessed right now because another API request or Stripe process is currently accessing it " +
                "(injected fault).") { Code = "lock_timeout" },
            _ => new ApiException(status, "api_error", "An unknown error occurred (injected fault)."),
        };
        // Stripe marks transient failures as safe to retry; clients that honour the header rely on it.
        context.Response.Headers["Stripe-Should-Retry"] = "true";
        await WriteErrorAsync(context, error);
    }

    private static void Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        string? key = null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) key = header[7..].Trim();
        else if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try { key = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())).Split(':')[0]; }
            catch (FormatException) { key = ""; }
        }
        if (string.IsNullOrEmpty(key))
            throw new ApiException(401, "invalid_request_error",
                "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. " +
                "'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at " +
                "https://support.stripe.com/.");
        if (!key.StartsWith("sk_", StringComparison.Ordinal) && !key.StartsWith("rk_", StringComparison.Ordinal))
            throw new ApiException(401, "invalid_request_error", $"Invalid API Key provided: {Redact(key)}") { Code = "api_key_invalid" };
    }

    private static string Redact(string key) => key.Length <= 8 ? "****" : key[..8] + new string('*', Math.Min(20, key.Length - 12)) + key[^4..];
}
