using BillingFunctions.App.Processes;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Reminders;
using BillingFunctions.Domain.Tenancy;
using Microsoft.DurableTask.Client;
using Stripe;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App.Reminders;

/// <summary>
/// Feeds Stripe invoice events to reminders. <c>invoice.sent</c> of an open invoice collected by sending it, with a
/// due date, starts its process on the tenant's current schedule and time zone (a second start finds the first);
/// <c>invoice.paid</c>, <c>invoice.voided</c> and <c>invoice.marked_uncollectible</c> stop a running one.
/// </summary>
public sealed partial class ReminderStripeEvents(TenantDirectory tenants, ReminderSettingsStore settings, TimeProvider time,
    ILogger<ReminderStripeEvents> logger) : IStripeEventHandler
{
    public async Task ApplyAsync(string tenantId, Event stripeEvent, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        ClosedBecause? closed = stripeEvent.Type switch
        {
            "invoice.paid" => ClosedBecause.Paid,
            "invoice.voided" => ClosedBecause.Voided,
            "invoice.marked_uncollectible" => ClosedBecause.Uncollectible,
            _ => null,
        };
        if (closed is null && stripeEvent.Type != "invoice.sent") return;
        if (stripeEvent.Data?.Object is not Invoice { Id.Length: > 0 } invoice) return;
        var instanceId = ReminderKind.InstanceIdFor(invoice.Id);

        if (closed is { } reason)
        {
            await ProcessInstances.RaiseAsync(durable, ReminderKind.Instance, tenantId, instanceId, stripeEvent.Id, new InvoiceClosed(reason),
                time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return;
        }
        if (invoice is not { CollectionMethod: "send_invoice", Status: "open", DueDate: { } dueAt }) return;
        if (await tenants.GetAsync(new TenantId(tenantId), cancellationToken).ConfigureAwait(false) is not { } tenant)
        {
            LogUnknownTenant(logger, tenantId, invoice.Id);
            return;
        }
        var schedule = (await settings.GetAsync(tenant.Id, cancellationToken).ConfigureAwait(false)).Schedule;
        // Stripe's due date is an instant (the CRM sends the end of the due day in the tenant's zone); reminders count in days.
        var due = tenant.Calendar.Today(new DateTimeOffset(DateTime.SpecifyKind(dueAt, DateTimeKind.Utc)));
        var state = ReminderState.Start(invoice.Id, due, schedule, tenant.Calendar, time.GetUtcNow());
        if (state.NextSendAt is not { } first) return; // No reminder left to send: nothing to host.
        if (await ProcessInstances.StartAsync(durable, ReminderKind.Instance, tenantId, instanceId, state, first, time.GetUtcNow(),
                cancellationToken).ConfigureAwait(false))
            LogStarted(logger, instanceId, tenantId, first);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders {InstanceId} of tenant {Tenant} started; first at {FirstAt}")]
    private static partial void LogStarted(ILogger logger, string instanceId, string tenant, DateTimeOffset firstAt);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Invoice {StripeInvoiceId} was sent for tenant {Tenant}, which is not in the directory: no reminders")]
    private static partial void LogUnknownTenant(ILogger logger, string tenant, string stripeInvoiceId);
}
