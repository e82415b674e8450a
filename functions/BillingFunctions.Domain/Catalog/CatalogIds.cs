namespace BillingFunctions.Domain.Catalog;

public readonly record struct ProductId(string Value) { public override string ToString() => Value; }
public readonly record struct PlanId(string Value) { public override string ToString() => Value; }
public readonly record struct AddOnId(string Value) { public override string ToString() => Value; }

public sealed record Product(ProductId Id, string Name);
