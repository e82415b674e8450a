using BillingFunctions.Domain.Reconciliation;

namespace BillingFunctions.App.Reconciliation;

/// <summary>Amounts are integer minor units of <see cref="Currency"/>.</summary>
public sealed record ReconciledPaymentResponse(string PaymentKey, string? StripeInvoiceId, long Amount, string Currency, DateTimeOffset At,
    IReadOnlyList<string> RecordIds)
{
    public static ReconciledPaymentResponse From(ReconciledPayment p) =>
        new(p.PaymentKey, p.StripeInvoiceId, p.Amount.Minor, p.Amount.Currency.Code, p.At, p.RecordIds);
}

public sealed record MatchedInvoiceResponse(string StripeInvoiceId, string? InvoiceId, ReconciledPaymentResponse Payment);

/// <summary><see cref="Reason"/> is no_invoice_on_payment (Stripe names none) or unknown_invoice (one we never heard of).</summary>
public sealed record PaymentWithoutInvoiceResponse(string Reason, ReconciledPaymentResponse Payment);

public sealed record InvoicePaidTwiceResponse(string StripeInvoiceId, string? InvoiceId, long AmountDue, long AmountPaid, string Currency,
    IReadOnlyList<ReconciledPaymentResponse> Payments);

/// <summary><see cref="Difference"/> is paid minus due: negative when the customer paid too little.</summary>
public sealed record AmountMismatchResponse(string StripeInvoiceId, string? InvoiceId, long AmountDue, string DueCurrency,
    ReconciledPaymentResponse Payment, long? Difference);

/// <summary>Records of one payment that disagree (say on the amount); the matcher used the charge's word.</summary>
public sealed record ConflictResponse(string PaymentKey, IReadOnlyList<string> RecordIds);

/// <summary>Matched money per currency: never added across currencies.</summary>
public sealed record MatchedTotal(string Currency, long Amount, int Count);

/// <summary>
/// Payments Stripe reported in [<see cref="From"/>, <see cref="To"/>] (tenant-local dates, both inclusive) and how they
/// match the invoices: <see cref="Clean"/> when nothing needs a person.
/// </summary>
public sealed record ReconciliationResponse(string From, string To, string TimeZone, bool Clean,
    IReadOnlyList<MatchedTotal> MatchedTotals, IReadOnlyList<MatchedInvoiceResponse> Matched,
    IReadOnlyList<PaymentWithoutInvoiceResponse> PaymentsWithoutInvoice, IReadOnlyList<InvoicePaidTwiceResponse> InvoicesPaidTwice,
    IReadOnlyList<AmountMismatchResponse> AmountMismatches, IReadOnlyList<ConflictResponse> Conflicts);
