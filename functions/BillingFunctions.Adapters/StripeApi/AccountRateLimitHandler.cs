using System.Threading.RateLimiting;

namespace BillingFunctions.Adapters.StripeApi;

/// <summary>
/// Paces the requests of each Stripe account (the <c>Stripe-Account</c> acted for, else the key's own) to a rate, every
/// attempt including Stripe.net's retries. One token and no burst spaces concurrent work evenly: Stripe counts
/// requests over a sliding second, so a second's worth at once and then a pause would overshoot it.
/// </summary>
internal sealed class AccountRateLimitHandler : DelegatingHandler
{
    private readonly PartitionedRateLimiter<HttpRequestMessage> limiter;

    public AccountRateLimitHandler(double requestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        var spacing = TimeSpan.FromSeconds(1 / requestsPerSecond);
        limiter = PartitionedRateLimiter.Create<HttpRequestMessage, string>(request => RateLimitPartition.GetTokenBucketLimiter(AccountOf(request),
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = 1,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = spacing,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(request, 1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired) throw new InvalidOperationException("The Stripe rate limiter refused a request it should have queued.");
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) limiter.Dispose();
        base.Dispose(disposing);
    }

    private static string AccountOf(HttpRequestMessage request) =>
        request.Headers.TryGetValues("Stripe-Account", out var accounts) && accounts.FirstOrDefault() is { Length: > 0 } account
            ? account
            : request.Headers.Authorization?.Parameter ?? "";
}
