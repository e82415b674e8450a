using BillingFunctions.Adapters.Stripe;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Webhooks;

/// <summary>
/// Queue function on <c>stripe-events</c>: loads the stored event, applies invoice events to the CRM's projection
/// and records it as applied, once however often the message comes. A message for an
/// event that is not stored fails, so it ends in <c>stripe-events-poison</c> for a look. Whose event it is gets
/// decided here, once, before any feature sees it (<see cref="StripeEventOwnership"/>): an event about another
/// tenant's objects, or one that cannot be traced to this tenant, is stored as ignored, with the reason, and changes
/// nothing.
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

        if (await context.Services.GetRequiredService<StripeEventOwnership>().WhyNotOursAsync(stored, cancellationToken) is { } notOurs)
        {
            var ignored = await store.MarkAppliedAsync(stored.Tenant, stored.EventId, time.GetUtcNow(), cancellationToken, notOurs);
            await pending.ClearAsync(stored.Tenant, stored.EventId, cancellationToken);
            context.Logger.LogWarning("Event {EventId} ({EventType}) of tenant {Tenant} ignored: {Reason}{Outcome}",
                stored.EventId, stored.Type, stored.Tenant, notOurs, ignored ? "" : " (already applied)");
            return;
        }

        // Before marking it applied: processes take an event id once and records are keyed by it, so a retry after a
        // failure here is harmless.
        await context.Services.GetRequiredService<RenewalStripeEvents>().ApplyAsync(stored, cancellationToken);
        await context.Services.GetRequiredService<Dunning.DunningStripeEvents>().ApplyAsync(stored, cancellationToken);
        await context.Services.GetRequiredService<Reminders.ReminderStripeEvents>().ApplyAsync(stored, cancellationToken);
        await context.Services.GetRequiredService<Reconciliation.ReconciliationRecorder>().ApplyAsync(stored, cancellationToken);

        // Invoice events change the projection and stamp AppliedAt in the same transaction; others are only recorded.
        if (StripeInvoiceEvents.Handled.Contains(stored.Type))
        {
            try
            {
                var stripeEvent = StripeEvent.Parse(stored.Payload);
                await context.Services.GetRequiredService<StripeInvoiceEvents>().ApplyAsync(new TenantId(stored.Tenant), stripeEvent, cancellationToken);
            }
            catch (System.Text.Json.JsonException e)
            {
                // The signature was valid, so this is not an attack but a shape we cannot read: keep it, say so.
                context.Logger.LogError(e, "Event {EventId} of tenant {Tenant} is not a readable Stripe event; not projected", stored.EventId, stored.Tenant);
            }
        }
        var applied = await store.MarkAppliedAsync(stored.Tenant, stored.EventId, time.GetUtcNow(), cancellationToken);
        await pending.ClearAsync(stored.Tenant, stored.EventId, cancellationToken);
        context.Logger.LogInformation("Event {EventId} ({EventType}) of tenant {Tenant}: {Outcome}",
            stored.EventId, stored.Type, stored.Tenant, applied ? "applied" : "already applied");
    }
}
