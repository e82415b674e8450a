using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Reminders;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace BillingFunctions.App.Reminders;

/// <summary>The reminders orchestration and its one activity, which queues a reminder email.</summary>
public static class ReminderFunctions
{
    [Function("reminders")]
    public static Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        ProcessOrchestration.RunAsync(context, ReminderKind.Instance);

    [Function("reminders-effect")]
    public static async Task<EffectOutcome> SendAsync([ActivityTrigger] EffectRequest request, FunctionContext context,
        CancellationToken cancellationToken)
    {
        var effect = ReminderKind.Instance.Read<SendReminder>(request.Effect);
        await context.InstanceServices.GetRequiredService<ReminderEmails>()
            .EnqueueAsync(request.Tenant, ReminderKind.InvoiceOf(effect), effect, cancellationToken).ConfigureAwait(false);
        // Sending has no outcome to decide on; a wake only looks at the timer, which is not due yet.
        return new EffectOutcome(ReminderKind.Instance.Write(ReminderKind.Instance.Woken),
            context.InstanceServices.GetRequiredService<TimeProvider>().GetUtcNow());
    }
}
