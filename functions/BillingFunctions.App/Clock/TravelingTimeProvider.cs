namespace BillingFunctions.App.Clock;

/// <summary>
/// The system clock shifted by an offset that can be moved forward, so renewals, dunning steps and month ends can be
/// tried locally without waiting. Only registered when Clock:TimeTravel is true; never in production.
/// </summary>
public sealed class TravelingTimeProvider(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <summary>Moves the clock forward (only forward: time running backwards would break every "since" in the data).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
