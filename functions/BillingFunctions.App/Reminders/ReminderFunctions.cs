using BillingFunctions.App.Hosting;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Reminders;

namespace BillingFunctions.App.Reminders;

/// <summary>Queue function on <c>reminder-wakeups</c>: steps the reminders of the invoice a wake-up names.</summary>
public static class StepRemindersFunction
{
    public static readonly QueueFunction Declaration =
        ProcessFunctions.Step<ReminderState, ReminderEvent, SendReminder>("step-reminders", ReminderServices.WakeupQueue);
}

/// <summary>Re-sends reminder wake-ups whose messages were lost.</summary>
public static class SweepRemindersFunction
{
    public static readonly TimerFunction Declaration = ProcessFunctions.Sweep<ReminderState, ReminderEvent, SendReminder>("sweep-reminders");
}
