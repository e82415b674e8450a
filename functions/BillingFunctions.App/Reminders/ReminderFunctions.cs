using BillingFunctions.App.Hosting;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Reminders;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Reminders;

/// <summary>Queue function on <c>reminder-wakeups</c>: steps the reminders of the invoice a wake-up names.</summary>
public static class StepRemindersFunction
{
    [Function("step-reminders")]
    public static Task RunAsync([QueueTrigger(ReminderServices.WakeupQueue, Connection = AppSettings.StorageConnectionSetting)] string message,
        FunctionContext context, CancellationToken cancellationToken) =>
        ProcessFunctions.StepAsync<ReminderState, ReminderEvent, SendReminder>(message, context, cancellationToken);
}

/// <summary>Re-sends reminder wake-ups whose messages were lost.</summary>
public static class SweepRemindersFunction
{
    [Function("sweep-reminders")]
    public static Task RunAsync([TimerTrigger(ProcessFunctions.SweepSchedule)] TimerInfo timer, FunctionContext context,
        CancellationToken cancellationToken) => ProcessFunctions.SweepAsync<ReminderState, ReminderEvent, SendReminder>(context, cancellationToken);
}
