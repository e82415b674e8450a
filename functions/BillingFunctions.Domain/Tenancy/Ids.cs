namespace BillingFunctions.Domain.Tenancy;

public readonly record struct TenantId(string Value) { public override string ToString() => Value; }
public readonly record struct UserId(string Value) { public override string ToString() => Value; }
public readonly record struct TeamId(string Value) { public override string ToString() => Value; }
