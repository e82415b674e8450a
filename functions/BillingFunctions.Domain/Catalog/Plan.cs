using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.Catalog;

/// <summary>A price that applies to periods starting at or after <see cref="EffectiveFrom"/>.</summary>
public sealed record PlanPrice(Money Amount, DateTimeOffset EffectiveFrom);

/// <summary>
/// A plan's price per unit and interval. A price change never touches a period already billed: it applies
/// to each subscription from the first period that starts on or after the date the tenant chose.
/// </summary>
public sealed record Plan
{
    /// <summary>Restores a stored plan as it is; <see cref="Create"/> validates new ones.</summary>
    public Plan(PlanId id, ProductId product, string name, BillingInterval interval, IReadOnlyList<PlanPrice> prices) =>
        (Id, Product, Name, Interval, Prices) = (id, product, name, interval, prices);

    public PlanId Id { get; }
    public ProductId Product { get; }
    public string Name { get; }
    public BillingInterval Interval { get; }
    /// <summary>Oldest first.</summary>
    public IReadOnlyList<PlanPrice> Prices { get; }
    public Currency Currency => Prices[0].Amount.Currency;

    public static Result<Plan> Create(PlanId id, ProductId product, string name, Money price, BillingInterval interval)
    {
        if (string.IsNullOrWhiteSpace(name)) return DomainError.Invalid("A plan needs a name.");
        if (RefusePrice(price) is { } refused) return refused;
        return new Plan(id, product, name, interval, [new PlanPrice(price, DateTimeOffset.MinValue)]);
    }

    /// <summary>The unit price of a period that starts at <paramref name="periodStart"/>.</summary>
    public Money PriceFor(DateTimeOffset periodStart) => Prices.Last(p => p.EffectiveFrom <= periodStart).Amount;

    public Result<Plan> ChangePrice(Money price, DateTimeOffset effectiveFrom)
    {
        if (price.Currency != Currency) return DomainError.Invalid($"The plan is priced in {Currency}.");
        if (RefusePrice(price) is { } refused) return refused;
        if (effectiveFrom <= Prices[^1].EffectiveFrom) return DomainError.Invalid("A price change must take effect after the last one.");
        return new Plan(Id, Product, Name, Interval, [.. Prices, new PlanPrice(price, effectiveFrom)]);
    }

    /// <summary>A price is billed as is (times the quantity), so it must be an amount Stripe charges.</summary>
    public static DomainError? RefusePrice(Money price) =>
        price.IsNegative ? DomainError.Invalid("A price cannot be negative.")
        : !price.IsWholeChargeIncrement ? DomainError.Invalid($"Price {price.Minor}: {price.Currency.ChargeIncrementRule}")
        : null;
}

/// <summary>An extra billed with a plan, per unit and per the plan's interval.</summary>
public sealed record AddOn(AddOnId Id, string Name, Money Price);
