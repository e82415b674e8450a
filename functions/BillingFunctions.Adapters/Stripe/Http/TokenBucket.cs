namespace BillingFunctions.Adapters.Stripe;

/// <summary>
/// A token bucket that hands out reservations: a caller takes a token now and is told how long to wait
/// for it. Reserving ahead keeps callers in arrival order without a wake-up stampede.
/// </summary>
internal sealed class TokenBucket
{
    private readonly object gate = new();
    private readonly TimeProvider time;
    private readonly double tokensPerSecond;
    private readonly double capacity;
    private double tokens;
    private long lastRefill;

    public TokenBucket(double tokensPerSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokensPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        this.time = time;
        this.tokensPerSecond = tokensPerSecond;
        capacity = burst;
        tokens = capacity;
        lastRefill = time.GetTimestamp();
    }

    /// <summary>Takes one token and returns how long the caller must wait before using it.</summary>
    public TimeSpan Reserve()
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            tokens = Math.Min(capacity, tokens + time.GetElapsedTime(lastRefill, now).TotalSeconds * tokensPerSecond);
            lastRefill = now;
            tokens -= 1;
            return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / tokensPerSecond);
        }
    }

    /// <summary>Gives back a reservation whose caller gave up waiting.</summary>
    public void Return()
    {
        lock (gate)
        {
            tokens = Math.Min(capacity, tokens + 1);
        }
    }

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        if (wait <= TimeSpan.Zero)
        {
            return;
        }
        try
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Return();
            throw;
        }
    }
}
