using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.Reconciliation;

/// <summary>An invoice as we know it: Stripe's invoice id and what the customer owes.</summary>
public sealed record InvoiceToReconcile(string StripeInvoiceId, Money AmountDue);

public enum PaymentRecordSource { Charge, InvoicePaidEvent, PaymentIntent }

/// <summary>
/// One record of money received, as Stripe reported it: a succeeded charge, an <c>invoice.paid</c> event, or a
/// payment intent. Several records of the same payment share a payment intent id and count once.
/// </summary>
public sealed record StripePayment(
    string Id,
    string? PaymentIntentId,
    string? StripeInvoiceId,
    Money Amount,
    DateTimeOffset At,
    PaymentRecordSource Source)
{
    /// <summary>What makes two records the same payment: the payment intent when known, else the record's own id.</summary>
    public string PaymentKey => PaymentIntentId ?? Id;
}
