using System.Collections.Concurrent;
using System.Diagnostics;

namespace StripeEmulator.Faults;

/// <summary>
/// Stripe's per-account request rate limit over a sliding one-second window. Measured on the
/// real clock, not <see cref="EmulatorOptions.Time"/>: a frozen test clock must not freeze the window.
/// </summary>
internal sealed class RateLimiter(int? perSecond)
{
    private readonly ConcurrentDictionary<string, Queue<long>> _windows = new(StringComparer.Ordinal);

    public int? PerSecond { get; set; } = perSecond;

    public bool TryAcquire(string account)
    {
        var limit = PerSecond;
        if (limit is null or <= 0) return true;
        var window = _windows.GetOrAdd(account, _ => new Queue<long>());
        var now = Stopwatch.GetTimestamp();
        lock (window)
        {
            while (window.Count > 0 && Stopwatch.GetElapsedTime(window.Peek(), now) >= TimeSpan.FromSeconds(1)) window.Dequeue();
            if (window.Count >= limit) return false;
            window.Enqueue(now);
            return true;
        }
    }
}
