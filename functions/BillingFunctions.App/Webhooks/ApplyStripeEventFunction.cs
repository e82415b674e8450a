using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Webhooks;

/// <summary>
/// Queue function on <c>stripe-events</c>: loads the stored event and records it as applied, once however often
/// the message comes. (Projections of the event into the CRM's views come with their own issue.) A message for an
/// event that is not stored fails, so it ends in <c>stripe-events-poison</c> for a look.
/// </summary>
public static class ApplyStripeEventFunction
{
    public static readonly QueueFunction Declaration = new("apply-stripe-event", StripeEventMessage.QueueName, HandleAsync);

    private static async Task HandleAsync(string message, FunctionContext context, CancellationToken cancellationToken)
    {
        var request = StripeEventMessage.Parse(message);
        var store = context.Services.GetRequiredService<StripeEventStore>();
        var pending = context.Services.GetRequiredService<PendingStripeEvents>();
        var time = context.Services.GetRequiredService<TimeProvider>();

        var stored = await store.GetAsync(request.Tenant, request.EventId, cancellationToken)
            ?? throw new InvalidOperationException($"Event {request.EventId} of tenant {request.Tenant} is not stored.");
        if (stored.AppliedAt is not null)
        {
            context.Logger.LogInformation("Event {EventId} of tenant {Tenant} was already applied", stored.EventId, stored.Tenant);
            await pending.ClearAsync(stored.Tenant, stored.EventId, cancellationToken);
            return;
        }

        var applied = await store.MarkAppliedAsync(stored.Tenant, stored.EventId, time.GetUtcNow(), cancellationToken);
        await pending.ClearAsync(stored.Tenant, stored.EventId, cancellationToken);
        context.Logger.LogInformation("Event {EventId} ({EventType}) of tenant {Tenant}: {Outcome}",
            stored.EventId, stored.Type, stored.Tenant, applied ? "applied" : "already applied");
    }
}
