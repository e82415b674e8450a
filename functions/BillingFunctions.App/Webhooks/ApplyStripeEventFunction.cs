using BillingFunctions.App.Hosting;
using BillingFunctions.App.Invoices;
using BillingFunctions.Domain.Tenancy;
using Stripe;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Webhooks;

/// <summary>
/// Queue function on <c>stripe-events</c>: loads the stored event, applies invoice events to the CRM's projection
/// and records it as applied, once however often the message comes. A message for an
/// event that is not stored fails, so it ends in <c>stripe-events-poison</c> for a look. Whose event it is gets
/// decided here, once, before any feature sees it (<see cref="StripeEventOwnership"/>): an event about another
/// tenant's objects, or one that cannot be traced to this tenant, is stored as ignored, with the reason, and changes
/// nothing. The stored payload is parsed here, once, into Stripe.net's <see cref="Event"/>, and every feature gets it typed.
/// </summary>
public static class ApplyStripeEventFunction
{
    [Function("apply-stripe-event")]
    public static async Task RunAsync(
        [QueueTrigger(StripeEventMessage.QueueName, Connection = AppSettings.StorageConnectionSetting)] string message,
        [DurableClient] DurableTaskClient durable, FunctionContext context, CancellationToken cancellationToken)
    {
        var logger = context.GetLogger(nameof(ApplyStripeEventFunction));
        var services = context.InstanceServices;
        var request = StripeEventMessage.Parse(message);
        var store = services.GetRequiredService<StripeEventStore>();
        var pending = services.GetRequiredService<PendingStripeEvents>();
        var time = services.GetRequiredService<TimeProvider>();

        var stored = await store.GetAsync(request.Tenant, request.EventId, cancellationToken)
            ?? throw new InvalidOperationException($"Event {request.EventId} of tenant {request.Tenant} is not stored.");
        if (stored.AppliedAt is not null)
        {
            logger.LogInformation("Event {EventId} of tenant {Tenant} was already applied", stored.EventId, stored.Tenant);
            await pending.ClearAsync(stored.Tenant, stored.EventId, cancellationToken);
            return;
        }

        var stripeEvent = Parse(stored.Payload);
        var notOurs = stripeEvent is null
            ? "the payload is not a readable Stripe event"
            : await services.GetRequiredService<StripeEventOwnership>().WhyNotOursAsync(stored.Tenant, stripeEvent, cancellationToken);
        if (stripeEvent is null || notOurs is not null)
        {
            var ignored = await store.MarkAppliedAsync(stored.Tenant, stored.EventId, time.GetUtcNow(), cancellationToken, notOurs);
            await pending.ClearAsync(stored.Tenant, stored.EventId, cancellationToken);
            logger.LogWarning("Event {EventId} ({EventType}) of tenant {Tenant} ignored: {Reason}{Outcome}",
                stored.EventId, stored.Type, stored.Tenant, notOurs, ignored ? "" : " (already applied)");
            return;
        }

        // Before marking it applied: processes take an event id once and records are keyed by it, so a retry after a
        // failure here is harmless.
        foreach (var handler in services.GetServices<IStripeEventHandler>())
            await handler.ApplyAsync(stored.Tenant, stripeEvent, durable, cancellationToken);

        // Invoice events change the projection and stamp AppliedAt in the same transaction; others are only recorded.
        if (StripeInvoiceEvents.Handled.Contains(stripeEvent.Type))
            await services.GetRequiredService<StripeInvoiceEvents>().ApplyAsync(new TenantId(stored.Tenant), stripeEvent, cancellationToken);
        var applied = await store.MarkAppliedAsync(stored.Tenant, stored.EventId, time.GetUtcNow(), cancellationToken);
        await pending.ClearAsync(stored.Tenant, stored.EventId, cancellationToken);
        logger.LogInformation("Event {EventId} ({EventType}) of tenant {Tenant}: {Outcome}",
            stored.EventId, stored.Type, stored.Tenant, applied ? "applied" : "already applied");
    }

    /// <summary>
    /// The event, or null for a body that is not one. Its API version was checked when it was received (and Stripe keeps
    /// an endpoint's version), so it is not checked again here.
    /// </summary>
    internal static Event? Parse(string payload)
    {
        try
        {
            return EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false) is { Id.Length: > 0, Type.Length: > 0 } parsed ? parsed : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
