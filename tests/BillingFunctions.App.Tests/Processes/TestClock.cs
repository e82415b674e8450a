namespace BillingFunctions.App.Tests.Processes;

/// <summary>A clock that stands still until moved, shared by every runtime in a test.</summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private long ticks = now.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
