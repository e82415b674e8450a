using System.ComponentModel.DataAnnotations;
using BillingFunctions.App.Http;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.App.Catalog;

public sealed record CreateProductRequest([property: MaxLength(CatalogApi.MaxNameLength)] string? Name);

/// <param name="Interval">month, quarter or year.</param>
/// <param name="IntervalCount">How many of them a period is (default 1; at most three years in all).</param>
/// <param name="Currency">ISO 4217; the tenant's currency when left out.</param>
public sealed record CreatePlanRequest(
    [property: MaxLength(Ids.MaxLength)] string? ProductId, [property: MaxLength(CatalogApi.MaxNameLength)] string? Name, long? UnitAmount,
    [property: MaxLength(Currency.CodeLength)] string? Currency, string? Interval, int? IntervalCount);

/// <param name="EffectiveFrom">
/// Periods starting at or after this instant are billed at the new price (default: now, so every subscription gets it
/// from its next period). Never in the past: periods already billed keep their price.
/// </param>
public sealed record ChangePlanPriceRequest(long? UnitAmount, [property: BusinessRange(CalendarText.Instant)] DateTimeOffset? EffectiveFrom);

public sealed record CreateAddOnRequest(
    [property: MaxLength(CatalogApi.MaxNameLength)] string? Name, long? UnitAmount, [property: MaxLength(Currency.CodeLength)] string? Currency);

public sealed record ProductResponse(string Id, string Name)
{
    public static ProductResponse From(Product p) => new(p.Id.Value, p.Name);
}

/// <param name="EffectiveFrom">Null for the plan's first price.</param>
public sealed record PlanPriceResponse(long UnitAmount, DateTimeOffset? EffectiveFrom);

/// <param name="UnitAmount">The price of a period starting now.</param>
public sealed record PlanResponse(string Id, string ProductId, string Name, string Currency, string Interval, int IntervalCount, long UnitAmount,
    IReadOnlyList<PlanPriceResponse> Prices)
{
    public static PlanResponse From(Plan p, DateTimeOffset now) => new(p.Id.Value, p.Product.Value, p.Name, p.Currency.Code,
        p.Interval.Unit.ToString().ToLowerInvariant(), p.Interval.Count, p.PriceFor(now).Minor,
        [.. p.Prices.Select(x => new PlanPriceResponse(x.Amount.Minor, x.EffectiveFrom == DateTimeOffset.MinValue ? null : x.EffectiveFrom))]);
}

public sealed record AddOnResponse(string Id, string Name, long UnitAmount, string Currency)
{
    public static AddOnResponse From(AddOn a) => new(a.Id.Value, a.Name, a.Price.Minor, a.Price.Currency.Code);
}
