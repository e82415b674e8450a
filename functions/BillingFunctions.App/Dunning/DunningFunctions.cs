using BillingFunctions.App.Hosting;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Dunning;

namespace BillingFunctions.App.Dunning;

/// <summary>Queue function on <c>dunning-wakeups</c>: steps the dunning process a wake-up names.</summary>
public static class StepDunningFunction
{
    public static readonly QueueFunction Declaration =
        ProcessFunctions.Step<DunningState, DunningEvent, DunningEffect>("step-dunning", DunningServices.WakeupQueue);
}

/// <summary>Re-sends dunning wake-ups whose messages were lost.</summary>
public static class SweepDunningFunction
{
    public static readonly TimerFunction Declaration = ProcessFunctions.Sweep<DunningState, DunningEvent, DunningEffect>("sweep-dunning");
}
