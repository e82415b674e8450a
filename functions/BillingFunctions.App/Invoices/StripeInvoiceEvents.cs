using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Tenancy;
using Stripe;
using Invoice = BillingFunctions.Domain.Invoices.Invoice;

namespace BillingFunctions.App.Invoices;

public enum EventApplication { Applied, NothingNew, Duplicate, NotOurs, Ignored }

/// <summary>
/// Folds Stripe's invoice events into the projection. The event's dedupe row is written in the same transaction as
/// its effect, and <see cref="Invoice.Apply"/> only moves forward, so redelivered, late and out-of-order events
/// leave the same final state.
/// </summary>
public sealed class StripeInvoiceEvents(TenantDirectory tenants, InvoiceStore store, ILogger<StripeInvoiceEvents> logger)
{
    public const string InvoiceIdMetadata = "billing_invoice_id";

    public static readonly IReadOnlySet<string> Handled = new HashSet<string>(StringComparer.Ordinal)
    {
        "invoice.finalized", "invoice.paid", "invoice.payment_succeeded", "invoice.payment_failed", "invoice.voided",
        "invoice.marked_uncollectible", "invoice.updated", "invoice.sent",
    };

    public async Task<EventApplication> ApplyAsync(TenantId tenantId, Event stripeEvent, CancellationToken cancellationToken)
    {
        if (!Handled.Contains(stripeEvent.Type) || stripeEvent.Data?.Object is not Stripe.Invoice seen) return EventApplication.Ignored;
        var tenant = await tenants.GetAsync(tenantId, cancellationToken);
        if (tenant is null)
        {
            logger.LogWarning("Stripe event {EventId} names unknown tenant {TenantId}", stripeEvent.Id, tenantId);
            return EventApplication.Ignored;
        }
        // Invoices we did not create (subscriptions, the dashboard) carry no id of ours; other features handle them.
        if (seen.Metadata?.GetValueOrDefault(InvoiceIdMetadata) is not { } ours
            || !Enum.TryParse<InvoiceStatus>(seen.Status, ignoreCase: true, out var status))
            return EventApplication.NotOurs;

        var observation = new StripeInvoiceObservation(seen.Id, status, seen.AmountPaid, seen.Number, seen.HostedInvoiceUrl,
            new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc)));
        var outcome = await store.ChangeAsync(tenant, new InvoiceId(ours), invoice =>
        {
            var changes = new List<InvoiceChange>();
            if (invoice.Apply(observation) is { } change) changes.Add(change);
            if (stripeEvent.Type == "invoice.payment_failed")
                changes.Add(new InvoiceChange("stripe.payment_failed", $"attempt {seen.AttemptCount}"));
            return changes;
        }, "stripe", stripeEvent.Id, cancellationToken);

        return outcome switch
        {
            ChangeOutcome.Changed => EventApplication.Applied,
            ChangeOutcome.Unchanged => EventApplication.NothingNew,
            ChangeOutcome.EventAlreadyApplied => EventApplication.Duplicate,
            _ => EventApplication.NotOurs,
        };
    }
}
