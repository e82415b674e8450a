using System.Text.Json;
using Azure.Data.Tables;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Catalog;

/// <summary>Catalog rows in the tenant's partition: <c>prd|{id}</c>, <c>pln|{id}</c> (prices as JSON, oldest first), <c>add|{id}</c>.</summary>
internal static class CatalogRows
{
    public const string Products = "prd|";
    public const string Plans = "pln|";
    public const string AddOns = "add|";

    private static readonly JsonSerializerOptions Json = ProcessJson.Create();

    public static TableEntity Write(TenantId tenant, Product product) =>
        new(tenant.Value, Products + product.Id.Value) { ["ProductId"] = product.Id.Value, ["Name"] = product.Name };

    public static Product ReadProduct(TableEntity row) => new(new ProductId(row.GetString("ProductId")!), row.GetString("Name")!);

    public static TableEntity Write(TenantId tenant, Plan plan) => new(tenant.Value, Plans + plan.Id.Value)
    {
        ["PlanId"] = plan.Id.Value, ["ProductId"] = plan.Product.Value, ["Name"] = plan.Name,
        ["IntervalUnit"] = plan.Interval.Unit.ToString(), ["IntervalCount"] = plan.Interval.Count, ["Currency"] = plan.Currency.Code,
        ["Prices"] = JsonSerializer.Serialize(plan.Prices, Json),
    };

    public static Plan ReadPlan(TableEntity row) => new(
        new PlanId(row.GetString("PlanId")!), new ProductId(row.GetString("ProductId")!), row.GetString("Name")!,
        new BillingInterval(Enum.Parse<IntervalUnit>(row.GetString("IntervalUnit")!), row.GetInt32("IntervalCount")!.Value),
        JsonSerializer.Deserialize<PlanPrice[]>(row.GetString("Prices")!, Json)!);

    public static TableEntity Write(TenantId tenant, AddOn addOn) => new(tenant.Value, AddOns + addOn.Id.Value)
    {
        ["AddOnId"] = addOn.Id.Value, ["Name"] = addOn.Name, ["UnitAmount"] = addOn.Price.Minor, ["Currency"] = addOn.Price.Currency.Code,
    };

    public static AddOn ReadAddOn(TableEntity row) => new(new AddOnId(row.GetString("AddOnId")!), row.GetString("Name")!,
        new Money(row.GetInt64("UnitAmount")!.Value, Currency.Parse(row.GetString("Currency")!)));
}
