using StripeEmulator.State;

namespace StripeEmulator.Http;

/// <summary>
/// Stripe's idempotency for POSTs: a key's first result is kept and replayed for the same
/// parameters; other parameters under the same key are refused. Like Stripe, only results of
/// requests that ran are kept (success or a card decline), so a retry after a 5xx or a refused
/// request runs afresh.
/// </summary>
internal static class Idempotency
{
    public static async Task RunAsync(HttpContext context, StripeRequest request, RequestDelegate next)
    {
        if (request.Method != HttpMethods.Post || request.IdempotencyKey is not { } key)
        {
            await next(context);
            return;
        }

        var store = context.RequestServices.GetRequiredService<EmulatorState>().Account(request.AccountId).Idempotency;
        var fingerprint = request.Fingerprint();
        if (store.TryClaim(key, fingerprint) is { } existing)
        {
            await AnswerExistingAsync(context, key, fingerprint, existing);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var kept = false;
        try
        {
            try
            {
                await next(context);
            }
            catch (ApiException error)
            {
                await StripePipeline.WriteErrorAsync(context, error);
            }
            var status = context.Response.StatusCode;
            if (status is >= 200 and < 300 or 402)
            {
                store.Complete(key, fingerprint, new IdempotencyStore.StoredResponse(status, System.Text.Encoding.UTF8.GetString(buffer.ToArray())));
                kept = true;
            }
        }
        finally
        {
            if (!kept) store.Release(key);
            context.Response.Body = original;
        }
        context.Response.Headers["Idempotency-Key"] = key;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task AnswerExistingAsync(HttpContext context, string key, string fingerprint, IdempotencyStore.Entry existing)
    {
        if (existing.Fingerprint != fingerprint)
            throw new ApiException(400, "idempotency_error",
                $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than " +
                $"'{key}' if you meant to execute a different request.");
        if (existing.Response is not { } stored)
            throw new ApiException(409, "invalid_request_error",
                $"There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other " +
                $"request is still going through): {key}. Please try again later.")
            { Code = "idempotency_key_in_use" };

        context.Response.StatusCode = stored.Status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Idempotency-Key"] = key;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.WriteAsync(stored.Body);
    }
}
