using System.Globalization;
using System.Runtime.CompilerServices;
using BillingFunctions.Domain.Reconciliation;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Reconciliation;

/// <summary>
/// The payment CSV (docs/CSV.md): a row per payment record as Stripe reported it. One payment usually comes as a charge,
/// a payment intent and an <c>invoice.paid</c> record sharing <c>payment_key</c>; a sum counts each key once.
/// </summary>
internal static class PaymentCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["record_id", "source", "payment_key", "payment_intent_id", "stripe_invoice_id", "invoice_id", "amount", "currency", "at"];

    /// <summary>Records between two reads of their invoices (ours, as the report names them): the export's only buffer.</summary>
    private const int RecordsPerLookup = 100;

    public static async IAsyncEnumerable<string?[]> RowsAsync(TenantId tenant, ReconciliationStore store, IAsyncEnumerable<StripePayment> payments,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<StripePayment>(RecordsPerLookup);
        await foreach (var payment in payments.WithCancellation(cancellationToken))
        {
            batch.Add(payment);
            if (batch.Count < RecordsPerLookup) continue;
            foreach (var row in await RowsAsync(tenant, store, batch, cancellationToken)) yield return row;
            batch.Clear();
        }
        foreach (var row in await RowsAsync(tenant, store, batch, cancellationToken)) yield return row;
    }

    private static async Task<IEnumerable<string?[]>> RowsAsync(TenantId tenant, ReconciliationStore store, List<StripePayment> batch,
        CancellationToken cancellationToken)
    {
        var invoices = await store.InvoicesAsync(tenant, batch.Select(p => p.StripeInvoiceId).OfType<string>(), cancellationToken);
        var ours = invoices.ToDictionary(i => i.StripeInvoiceId, i => i.InvoiceId, StringComparer.Ordinal);
        return batch.Select(p => Row(p, p.StripeInvoiceId is { } stripeId ? ours.GetValueOrDefault(stripeId) : null)).ToList();
    }

    private static string?[] Row(StripePayment p, string? invoiceId) =>
    [
        p.Id, Source(p.Source), p.PaymentKey, p.PaymentIntentId, p.StripeInvoiceId, invoiceId, p.Amount.Minor.ToString(CultureInfo.InvariantCulture),
        p.Amount.Currency.Code, p.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    ];

    private static string Source(PaymentRecordSource source) => source switch
    {
        PaymentRecordSource.Charge => "charge",
        PaymentRecordSource.PaymentIntent => "payment_intent",
        _ => "invoice_paid",
    };
}
