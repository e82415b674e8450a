using BillingFunctions.Domain.Dunning;

namespace BillingFunctions.Domain.Tests.Dunning;

/// <summary>Drives a dunning process the way the runtime does: decide, keep the state, remember every effect.</summary>
internal sealed class DunningRun(DunningPolicy policy, string invoiceId = "in_1")
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public DunningState State { get; private set; } = DunningState.New(invoiceId, policy);
    public DateTimeOffset Now { get; private set; } = Start;
    public DateTimeOffset? NextWake { get; private set; }
    public List<DunningEffect> Effects { get; } = [];
    public IReadOnlyList<DunningEffect> Last { get; private set; } = [];

    public DunningRun On(DunningEvent evt)
    {
        var decision = DunningProcess.Decide(State, evt, Now);
        (State, NextWake, Last) = (decision.State, decision.NextWakeAt, decision.Effects);
        Effects.AddRange(decision.Effects);
        return this;
    }

    /// <summary>Moves the clock to the pending wake-up and delivers it.</summary>
    public DunningRun WakeWhenDue()
    {
        Now = NextWake ?? throw new InvalidOperationException("No wake-up is pending.");
        return On(new Wake());
    }

    public DunningRun Advance(TimeSpan by)
    {
        Now += by;
        return this;
    }

    public IEnumerable<T> All<T>() where T : DunningEffect => Effects.OfType<T>();
}
