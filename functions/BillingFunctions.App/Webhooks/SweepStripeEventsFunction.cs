using BillingFunctions.App.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Webhooks;

/// <summary>
/// Timer safety net: an event queued more than <see cref="Grace"/> ago and still not applied (its message was lost,
/// or poisoned during an outage) is queued again. After <see cref="MaxSweeps"/> tries it is left for a person:
/// applying it keeps failing, and its poison messages say why.
/// </summary>
public static class SweepStripeEventsFunction
{
    public const int MaxSweeps = 3;
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    [Function("sweep-stripe-events")]
    public static async Task RunAsync([TimerTrigger("0 */5 * * * *")] TimerInfo timer, FunctionContext context, CancellationToken cancellationToken)
    {
        var logger = context.GetLogger(nameof(SweepStripeEventsFunction));
        var pending = context.InstanceServices.GetRequiredService<PendingStripeEvents>();
        var queue = context.InstanceServices.GetRequiredService<StripeEventQueue>();
        var now = context.InstanceServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var requeued = 0;

        await foreach (var stale in pending.QueuedBeforeAsync(now - Grace, cancellationToken))
        {
            if (stale.Sweeps >= MaxSweeps)
            {
                logger.LogError("Event {EventId} of tenant {Tenant} is still not applied after {Sweeps} sweeps",
                    stale.EventId, stale.Tenant, stale.Sweeps);
                continue;
            }

            await pending.RecordSweepAsync(stale, now, cancellationToken);
            await queue.EnqueueAsync(new StripeEventMessage(stale.Tenant, stale.EventId), cancellationToken);
            requeued++;
        }

        logger.LogInformation("Sweep re-queued {Count} unapplied Stripe events", requeued);
    }
}
