namespace BillingFunctions.Domain.Invoices;

public readonly record struct InvoiceId(string Value) { public override string ToString() => Value; }
public readonly record struct CustomerId(string Value) { public override string ToString() => Value; }
