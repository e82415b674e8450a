using System.Threading.RateLimiting;

namespace BillingFunctions.Adapters.StripeApi;

/// <summary>
/// Paces the requests of each Stripe account (the <c>Stripe-Account</c> acted for, else the key's own) to its mode's rate,
/// every attempt including Stripe.net's retries. Stripe limits live and test mode apart (100 and 25 requests a second), and
/// the mode is the key's: a live key and a test key on one account are two budgets. Stripe counts requests over a sliding
/// second, so a second's worth at once and then a pause would overshoot it: the bucket holds a tenth of a second's worth and
/// refills every tenth of a second. Refilling more often does not work: the partitioned limiter replenishes its buckets on
/// a 100 ms heartbeat, one period's tokens per beat, so a 10 ms period capped every account at 10 requests a second.
/// </summary>
internal sealed class AccountRateLimitHandler : DelegatingHandler
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromMilliseconds(100);

    private readonly PartitionedRateLimiter<HttpRequestMessage> _limiter;

    public AccountRateLimitHandler(double testModePerSecond, double liveModePerSecond)
    {
        var testMode = Bucket(testModePerSecond);
        var liveMode = Bucket(liveModePerSecond);
        _limiter = PartitionedRateLimiter.Create<HttpRequestMessage, (bool Live, string Account)>(request =>
        {
            var partition = PartitionOf(request);
            return RateLimitPartition.GetTokenBucketLimiter(partition, p => p.Live ? liveMode : testMode);
        });
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(request, 1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired) throw new InvalidOperationException("The Stripe rate limiter refused a request it should have queued.");
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _limiter.Dispose();
        base.Dispose(disposing);
    }

    private static TokenBucketRateLimiterOptions Bucket(double requestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        // Below 10 a second, one token per request interval; above, a tenth of the rate per tenth of a second.
        var perBeat = Math.Max(1, (int)Math.Floor(requestsPerSecond * Heartbeat.TotalSeconds));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = perBeat,
            TokensPerPeriod = perBeat,
            ReplenishmentPeriod = TimeSpan.FromSeconds(perBeat / requestsPerSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }

    private static (bool Live, string Account) PartitionOf(HttpRequestMessage request)
    {
        var key = request.Headers.Authorization?.Parameter ?? "";
        var live = key.StartsWith("sk_live_", StringComparison.Ordinal) || key.StartsWith("rk_live_", StringComparison.Ordinal);
        var account = request.Headers.TryGetValues("Stripe-Account", out var accounts) && accounts.FirstOrDefault() is { Length: > 0 } acted
            ? acted
            : key;
        return (live, account);
    }
}
