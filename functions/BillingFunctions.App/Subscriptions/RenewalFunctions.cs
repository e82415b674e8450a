using BillingFunctions.App.Hosting;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Renewals;

namespace BillingFunctions.App.Subscriptions;

/// <summary>Queue function on <c>renewal-wakeups</c>: steps the renewal a wake-up names.</summary>
public static class StepRenewalFunction
{
    public static readonly QueueFunction Declaration =
        ProcessFunctions.Step<RenewalState, RenewalEvent, RenewalEffect>("step-renewal", RenewalServices.WakeupQueue);
}

/// <summary>Re-sends renewal wake-ups whose messages were lost.</summary>
public static class SweepRenewalsFunction
{
    public static readonly TimerFunction Declaration = ProcessFunctions.Sweep<RenewalState, RenewalEvent, RenewalEffect>("sweep-renewals");
}
