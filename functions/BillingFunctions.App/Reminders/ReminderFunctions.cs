using BillingFunctions.App.Processes;
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
    public static Task<EffectOutcome> SendAsync([ActivityTrigger] EffectRequest request, FunctionContext context,
        CancellationToken cancellationToken) =>
        ProcessActivity.PerformAsync(ReminderKind.Instance, request, context, async (services, effect) =>
        {
            await services.GetRequiredService<ReminderEmails>()
                .EnqueueAsync(request.Tenant, ReminderKind.InvoiceOf(effect), effect, cancellationToken).ConfigureAwait(false);
            // Sending has no outcome to decide on; a wake only looks at the timer, which is not due yet.
            return ReminderKind.Instance.Woken;
        });
}
