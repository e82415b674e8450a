using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.Reconciliation;

/// <summary>One payment after merging its records: key (payment intent), amount, invoice and the records behind it.</summary>
public sealed record ReconciledPayment(string PaymentKey, string? StripeInvoiceId, Money Amount, DateTimeOffset At, IReadOnlyList<string> RecordIds);

public sealed record InvoiceMatch(string StripeInvoiceId, ReconciledPayment Payment);

public enum UnmatchedReason
{
    /// <summary>Stripe names no invoice (a one-off charge, a payment link).</summary>
    NoInvoiceOnPayment,

    /// <summary>Stripe names an invoice we do not have (another system's, or a projection that lags).</summary>
    UnknownInvoice,
}

public sealed record PaymentWithoutInvoice(ReconciledPayment Payment, UnmatchedReason Reason);

public sealed record InvoicePaidTwice(string StripeInvoiceId, Money AmountDue, IReadOnlyList<ReconciledPayment> Payments);

public sealed record AmountMismatch(string StripeInvoiceId, Money AmountDue, ReconciledPayment Payment);

/// <summary>Records of one payment that disagree with each other (say a charge and an invoice.paid event with different amounts).</summary>
public sealed record ConflictingRecords(string PaymentKey, IReadOnlyList<StripePayment> Records);

public sealed record ReconciliationReport(
    IReadOnlyList<InvoiceMatch> Matched,
    IReadOnlyList<PaymentWithoutInvoice> PaymentsWithoutInvoice,
    IReadOnlyList<InvoicePaidTwice> InvoicesPaidTwice,
    IReadOnlyList<AmountMismatch> AmountMismatches,
    IReadOnlyList<ConflictingRecords> Conflicts)
{
    public bool IsClean => PaymentsWithoutInvoice.Count == 0 && InvoicesPaidTwice.Count == 0 && AmountMismatches.Count == 0 && Conflicts.Count == 0;
}
