using System.Globalization;
using System.Runtime.CompilerServices;
using BillingFunctions.Domain.Reconciliation;

namespace BillingFunctions.App.Reconciliation;

/// <summary>
/// The payment CSV (docs/CSV.md): a row per payment record as Stripe reported it. One payment usually comes as a charge,
/// a payment intent and an <c>invoice.paid</c> record sharing <c>payment_key</c>; a sum counts each key once.
/// </summary>
internal static class PaymentCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["record_id", "source", "payment_key", "payment_intent_id", "stripe_invoice_id", "amount", "currency", "at"];

    public static async IAsyncEnumerable<string?[]> RowsAsync(IAsyncEnumerable<StripePayment> payments,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var p in payments.WithCancellation(cancellationToken)) yield return Row(p);
    }

    private static string?[] Row(StripePayment p) =>
    [
        p.Id, Source(p.Source), p.PaymentKey, p.PaymentIntentId, p.StripeInvoiceId, p.Amount.Minor.ToString(CultureInfo.InvariantCulture),
        p.Amount.Currency.Code, p.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    ];

    private static string Source(PaymentRecordSource source) => source switch
    {
        PaymentRecordSource.Charge => "charge",
        PaymentRecordSource.PaymentIntent => "payment_intent",
        _ => "invoice_paid",
    };
}
