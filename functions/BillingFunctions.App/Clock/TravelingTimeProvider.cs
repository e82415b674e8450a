using System.Collections.Concurrent;

namespace BillingFunctions.App.Clock;

/// <summary>
/// The system clock shifted by an offset that can be moved forward, so renewals, dunning steps and month ends can be
/// tried locally without waiting. Only registered when Clock:TimeTravel is true; never in production.
/// </summary>
public sealed class TravelingTimeProvider(TimeProvider inner) : TimeProvider
{
    private readonly TimeProvider _inner = inner;
    private readonly ConcurrentDictionary<TravelingTimer, byte> _timers = new();
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <summary>Moves the clock forward (only forward: time running backwards would break every "since" in the data).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        // Waits on this clock (Task.Delay(.., this), the local timer runner's) end once their moment has come by this
        // clock, so timers fire right after a jump instead of a real-time minute or more later.
        var now = GetUtcNow();
        foreach (var timer in _timers.Keys) timer.CatchUp(now);
    }

    /// <summary>A timer that fires when its due time passes in real time or, after a jump, on this clock.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TravelingTimer(this, callback, state);
        _timers[timer] = 0;
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class TravelingTimer : ITimer
    {
        private readonly Lock _lock = new();
        private readonly TravelingTimeProvider _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly ITimer _real;
        private DateTimeOffset? _due;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public TravelingTimer(TravelingTimeProvider clock, TimerCallback callback, object? state)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            _real = clock._inner.CreateTimer(_ => Fired(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_lock)
            {
                _due = dueTime == Timeout.InfiniteTimeSpan ? null : _clock.GetUtcNow() + dueTime;
                _period = period;
                return _real.Change(dueTime, period);
            }
        }

        public void CatchUp(DateTimeOffset now)
        {
            lock (_lock)
            {
                if (_due is not { } due || due > now) return;
                Rearm(now);
                _real.Change(_period, _period);
            }
            ThreadPool.QueueUserWorkItem(_ => _callback(_state));
        }

        private void Fired()
        {
            lock (_lock) Rearm(_clock.GetUtcNow());
            _callback(_state);
        }

        private void Rearm(DateTimeOffset now) => _due = _period == Timeout.InfiniteTimeSpan ? null : now + _period;

        public void Dispose()
        {
            _clock._timers.TryRemove(this, out _);
            _real.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
