using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.Invoices;

public sealed record NewInvoiceLine(string? Description, long Quantity, long UnitAmountMinor, int? TaxRateBasisPoints)
{
    /// <summary>
    /// A credit may have a negative unit amount: a subscription's proration credit for unused time. The app sets it
    /// for the invoices it makes itself; the invoice API never does, so people still enter only charges.
    /// </summary>
    public bool MayBeCredit { get; init; }
}

/// <summary>A request for a draft invoice, before validation.</summary>
public sealed record NewInvoice(
    InvoiceId Id,
    CustomerId Customer,
    UserId Owner,
    TeamId? OwnerTeam,
    Currency Currency,
    CollectionMethod Collection,
    DateOnly? DueDate,
    int? DaysUntilDue,
    IReadOnlyList<NewInvoiceLine> Lines,
    IReadOnlyList<string> Labels);
