using BillingFunctions.App.Hosting;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Dunning;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Dunning;

/// <summary>Queue function on <c>dunning-wakeups</c>: steps the dunning process a wake-up names.</summary>
public static class StepDunningFunction
{
    [Function("step-dunning")]
    public static Task RunAsync([QueueTrigger(DunningServices.WakeupQueue, Connection = AppSettings.StorageConnectionSetting)] string message,
        FunctionContext context, CancellationToken cancellationToken) =>
        ProcessFunctions.StepAsync<DunningState, DunningEvent, DunningEffect>(message, context, cancellationToken);
}

/// <summary>Re-sends dunning wake-ups whose messages were lost.</summary>
public static class SweepDunningFunction
{
    [Function("sweep-dunning")]
    public static Task RunAsync([TimerTrigger(ProcessFunctions.SweepSchedule)] TimerInfo timer, FunctionContext context,
        CancellationToken cancellationToken) => ProcessFunctions.SweepAsync<DunningState, DunningEvent, DunningEffect>(context, cancellationToken);
}
