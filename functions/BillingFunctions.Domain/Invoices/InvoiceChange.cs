namespace BillingFunctions.Domain.Invoices;

/// <summary>What one accepted command did to an invoice, for its timeline and the audit trail.</summary>
public sealed record InvoiceChange(string Action, string Detail);
