using System.Net;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>When to try a Stripe request again and how long to wait first.</summary>
internal static class RetryDecision
{
    /// <summary>
    /// Stripe's <c>Stripe-Should-Retry</c> header overrides the status: <c>true</c> forces a retry,
    /// <c>false</c> forbids one (the idempotency layer would only replay the same failure).
    /// </summary>
    public static bool ShouldRetry(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Stripe-Should-Retry", out var values))
        {
            var value = values.FirstOrDefault();
            if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            if (string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        var status = (int)response.StatusCode;
        return status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.TooManyRequests or >= 500;
    }

    /// <summary>
    /// Exponential backoff from <paramref name="initial"/>, capped at <paramref name="max"/>, with jitter in
    /// the upper half so many clients failing together do not come back together. A <c>Retry-After</c>
    /// from the server wins when it is longer.
    /// </summary>
    public static TimeSpan Delay(int retry, TimeSpan initial, TimeSpan max, TimeSpan? retryAfter, double random)
    {
        var exponential = initial.TotalMilliseconds * Math.Pow(2, retry - 1);
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        var jittered = Math.Max(initial.TotalMilliseconds, capped * 0.5 * (1 + random));
        var delay = TimeSpan.FromMilliseconds(jittered);
        return retryAfter is { } after && after > delay ? TimeSpan.FromTicks(Math.Min(after.Ticks, max.Ticks)) : delay;
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        _ => null,
    };
}
