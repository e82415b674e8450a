namespace BillingFunctions.Domain.Invoices;

/// <summary>What a Stripe event or API answer says an invoice looks like at <see cref="ObservedAt"/>.</summary>
public sealed record StripeInvoiceObservation(
    string StripeInvoiceId,
    InvoiceStatus Status,
    long AmountPaidMinor,
    string? Number,
    string? HostedInvoiceUrl,
    DateTimeOffset ObservedAt);
