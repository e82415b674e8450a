using System.Collections.Concurrent;

namespace SampleWorkerApp;

/// <summary>What the sample's functions and middleware did, in order, so tests can see it; also how many ran at once.</summary>
public class InvocationLog
{
    private readonly ConcurrentQueue<string> _entries = new();
    private int _inFlight;
    private int _maxInFlight;

    public IReadOnlyList<string> Entries => [.. _entries];

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public void Add(string entry) => _entries.Enqueue(entry);

    public IDisposable Running()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }
        return new Leaving(this);
    }

    private sealed class Leaving(InvocationLog log) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref log._inFlight);
    }
}

/// <summary>A scoped service, to show each invocation gets its own scope.</summary>
public class ScopedGreeting
{
    public Guid Id { get; } = Guid.NewGuid();
}
