using BillingFunctions.App.Hosting;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Renewals;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Subscriptions;

/// <summary>Queue function on <c>renewal-wakeups</c>: steps the renewal a wake-up names.</summary>
public static class StepRenewalFunction
{
    [Function("step-renewal")]
    public static Task RunAsync([QueueTrigger(RenewalServices.WakeupQueue, Connection = AppSettings.StorageConnectionSetting)] string message,
        FunctionContext context, CancellationToken cancellationToken) =>
        ProcessFunctions.StepAsync<RenewalState, RenewalEvent, RenewalEffect>(message, context, cancellationToken);
}

/// <summary>Re-sends renewal wake-ups whose messages were lost.</summary>
public static class SweepRenewalsFunction
{
    [Function("sweep-renewals")]
    public static Task RunAsync([TimerTrigger(ProcessFunctions.SweepSchedule)] TimerInfo timer, FunctionContext context,
        CancellationToken cancellationToken) => ProcessFunctions.SweepAsync<RenewalState, RenewalEvent, RenewalEffect>(context, cancellationToken);
}
