using BillingFunctions.App.Dunning;
using BillingFunctions.App.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Reconciliation;
using BillingFunctions.Domain.Tenancy;
using Microsoft.DurableTask.Client;
using Stripe;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App.Reconciliation;

/// <summary>
/// Turns the Stripe events we receive into reconciliation records: <c>charge.succeeded</c>,
/// <c>payment_intent.succeeded</c> and <c>invoice.paid</c> are payment records (one payment usually arrives as all
/// three, tied by its payment intent; the matcher merges them); every non-draft invoice event records what the
/// invoice asks for. Records are keyed by Stripe's ids, so a redelivered event changes nothing. Since 2025 neither a
/// charge nor a payment intent names its invoice, nor does an invoice event name its payment intent: both are read
/// from the tenant's invoice payments, the link Stripe keeps between the two.
/// </summary>
public sealed partial class ReconciliationRecorder(ReconciliationStore store, DunningStripe stripe, ILogger<ReconciliationRecorder> logger)
    : IStripeEventHandler
{
    public async Task ApplyAsync(string tenantId, Event stripeEvent, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        var type = stripeEvent.Type;
        if (!type.StartsWith("invoice.", StringComparison.Ordinal) && type is not ("charge.succeeded" or "payment_intent.succeeded")) return;
        var tenant = new TenantId(tenantId);
        // Stripe's time of the event is when the money moved.
        var at = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        try
        {
            switch (stripeEvent.Data?.Object)
            {
                case Invoice invoice when type.StartsWith("invoice.", StringComparison.Ordinal):
                    if (invoice.Status is null or "draft") return;
                    var currency = Currency.Parse(invoice.Currency);
                    var ours = invoice.Metadata?.GetValueOrDefault(StripeInvoiceEvents.InvoiceIdMetadata);
                    await store.RecordInvoiceAsync(tenant, new RecordedInvoice(invoice.Id, new Money(invoice.AmountDue, currency), ours),
                        cancellationToken).ConfigureAwait(false);
                    // Paid outside Stripe (a bank transfer, a cheque) is a payment of what was due all the same.
                    var paid = invoice.AmountPaid > 0 ? invoice.AmountPaid : invoice.AmountPaidOffStripe;
                    // A zero invoice is "paid" at finalization without any money moving: no payment to reconcile.
                    if (type == "invoice.paid" && paid > 0)
                    {
                        var intent = PaymentIntentOf(invoice) ?? await PaidIntentAsync(tenantId, invoice.Id, cancellationToken).ConfigureAwait(false);
                        await RecordAsync(tenant, new StripePayment(stripeEvent.Id, intent, invoice.Id, new Money(paid, currency), at,
                            PaymentRecordSource.InvoicePaidEvent), cancellationToken).ConfigureAwait(false);
                    }
                    return;
                case Charge charge when type == "charge.succeeded":
                    var chargedInvoice = charge.PaymentIntentId is { Length: > 0 } chargeIntent
                        ? await InvoiceOfAsync(tenantId, chargeIntent, cancellationToken).ConfigureAwait(false) : null;
                    await RecordAsync(tenant, new StripePayment(charge.Id, charge.PaymentIntentId, chargedInvoice,
                        new Money(charge.Amount, Currency.Parse(charge.Currency)), at, PaymentRecordSource.Charge),
                        cancellationToken).ConfigureAwait(false);
                    return;
                case PaymentIntent intent when type == "payment_intent.succeeded":
                    var intentInvoice = await InvoiceOfAsync(tenantId, intent.Id, cancellationToken).ConfigureAwait(false);
                    await RecordAsync(tenant, new StripePayment(intent.Id, intent.Id, intentInvoice,
                        new Money(intent.AmountReceived, Currency.Parse(intent.Currency)),
                        at, PaymentRecordSource.PaymentIntent), cancellationToken).ConfigureAwait(false);
                    return;
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            // The signature was valid, so this is a shape we cannot read, not an attack: keep going, say so.
            LogUnreadable(logger, e, stripeEvent.Id, type, tenantId);
        }
    }

    /// <summary>The payment intent that paid the invoice, when the event carries the invoice's payments (they are includable only).</summary>
    private static string? PaymentIntentOf(Invoice invoice) =>
        invoice.Payments?.Data
            .Where(p => p.Status == "paid" && p.Payment?.PaymentIntentId is { Length: > 0 })
            .OrderByDescending(p => p.IsDefault).ThenByDescending(p => p.Created)
            .Select(p => p.Payment.PaymentIntentId).FirstOrDefault();

    /// <summary>The payment intent of the invoice's paid payment; null when it was paid without one (out of band).</summary>
    private async Task<string?> PaidIntentAsync(string tenant, string invoiceId, CancellationToken cancellationToken)
    {
        var account = await stripe.ForAsync(tenant, cancellationToken).ConfigureAwait(false);
        var payments = await account.V1.InvoicePayments.ListAsync(new InvoicePaymentListOptions { Invoice = invoiceId, Status = "paid" },
            account.Read(), cancellationToken).ConfigureAwait(false);
        return payments.Data.Select(p => p.Payment?.PaymentIntentId).FirstOrDefault(id => id is { Length: > 0 });
    }

    /// <summary>The invoice a payment intent paid; null for a payment of no invoice.</summary>
    private async Task<string?> InvoiceOfAsync(string tenant, string paymentIntentId, CancellationToken cancellationToken)
    {
        var account = await stripe.ForAsync(tenant, cancellationToken).ConfigureAwait(false);
        var payments = await account.V1.InvoicePayments.ListAsync(new InvoicePaymentListOptions
        {
            Payment = new InvoicePaymentPaymentOptions { Type = "payment_intent", PaymentIntent = paymentIntentId },
        }, account.Read(), cancellationToken).ConfigureAwait(false);
        return payments.Data.Select(p => p.InvoiceId).FirstOrDefault(id => id is { Length: > 0 });
    }

    private async Task RecordAsync(TenantId tenant, StripePayment payment, CancellationToken cancellationToken)
    {
        if (await store.RecordPaymentAsync(tenant, payment, cancellationToken).ConfigureAwait(false))
            LogRecorded(logger, payment.Source, payment.Id, payment.Amount.Minor, payment.Amount.Currency.Code, tenant.Value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded {Source} {RecordId} of {Amount} {Currency} for tenant {Tenant}")]
    private static partial void LogRecorded(ILogger logger, PaymentRecordSource source, string recordId, long amount, string currency, string tenant);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventId} ({EventType}) of tenant {Tenant} is not readable for reconciliation")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string eventId, string eventType, string tenant);
}
