using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.Invoices;

public sealed record NewInvoiceLine(string? Description, long Quantity, long UnitAmountMinor, int? TaxRateBasisPoints);

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
