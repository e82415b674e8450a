using BillingFunctions.App.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Reconciliation;
using BillingFunctions.Domain.Tenancy;
using Stripe;

namespace BillingFunctions.App.Reconciliation;

/// <summary>
/// Turns the Stripe events we receive into reconciliation records: <c>charge.succeeded</c>,
/// <c>payment_intent.succeeded</c> and <c>invoice.paid</c> are payment records (one payment usually arrives as all
/// three, tied by its payment intent; the matcher merges them); every non-draft invoice event records what the
/// invoice asks for. Records are keyed by Stripe's ids, so a redelivered event changes nothing.
/// </summary>
public sealed partial class ReconciliationRecorder(ReconciliationStore store, ILogger<ReconciliationRecorder> logger)
{
    public async Task ApplyAsync(string tenantId, Event stripeEvent, CancellationToken cancellationToken)
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
                        await RecordAsync(tenant, new StripePayment(stripeEvent.Id, PaymentIntentOf(invoice), invoice.Id, new Money(paid, currency), at,
                            PaymentRecordSource.InvoicePaidEvent), cancellationToken).ConfigureAwait(false);
                    return;
                case Charge charge when type == "charge.succeeded":
                    await RecordAsync(tenant, new StripePayment(charge.Id, charge.PaymentIntentId, null, new Money(charge.Amount, Currency.Parse(charge.Currency)),
                        at, PaymentRecordSource.Charge), cancellationToken).ConfigureAwait(false);
                    return;
                case PaymentIntent intent when type == "payment_intent.succeeded":
                    await RecordAsync(tenant, new StripePayment(intent.Id, intent.Id, null, new Money(intent.AmountReceived, Currency.Parse(intent.Currency)),
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

    /// <summary>
    /// The payment intent that paid the invoice, from the invoice's payments when the event carries them: it ties this
    /// record to the charge's and the payment intent's, which since 2025 no longer name their invoice.
    /// </summary>
    private static string? PaymentIntentOf(Invoice invoice) =>
        invoice.Payments?.Data
            .Where(p => p.Status == "paid" && p.Payment?.PaymentIntentId is { Length: > 0 })
            .OrderByDescending(p => p.IsDefault).ThenByDescending(p => p.Created)
            .Select(p => p.Payment.PaymentIntentId).FirstOrDefault();

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
