using System.Net;
using System.Net.Http.Json;
using BillingFunctions.App.Catalog;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tests.Api;

namespace BillingFunctions.App.Tests.Subscriptions;

public sealed class CatalogApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly DateTimeOffset Nov20 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Invalid_catalog_entries_are_refused_and_nothing_is_written()
    {
        host.Clock.AdjustTime(Nov20.AddHours(10));
        using var world = await SubscriptionWorld.CreateAsync(host);
        var product = world.Basic.ProductId;
        CreatePlanRequest[] invalid =
        [
            new("prd_missing", "Gold", 1000, null, "month", null),
            new(product, "Gold", null, null, "month", null),
            new(product, "Gold", -5, null, "month", null),
            new(product, "Gold", 1000, "euro", "month", null),
            new(product, "Gold", 1000, null, "fortnight", null),
            new(product, "Gold", 1000, null, "year", 4),
            new(product, "", 1000, null, "month", null),
        ];
        foreach (var request in invalid)
            Assert.Equal(HttpStatusCode.BadRequest, (await world.World.Finance.PostAsJsonAsync("/api/v1/catalog/plans", request,
                ApiHost.JsonOptions)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await world.World.Finance.PostAsJsonAsync("/api/v1/catalog/add-ons",
            new CreateAddOnRequest("Support", -1, null), ApiHost.JsonOptions)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await world.World.Finance.PostAsJsonAsync($"/api/v1/catalog/plans/{world.Basic.Id}/prices",
            new ChangePlanPriceRequest(1500, Nov20.AddDays(-1)), ApiHost.JsonOptions)).StatusCode);

        var plans = await TenantWorld.ReadAsync<List<PlanResponse>>(await world.World.RepA1.GetAsync("/api/v1/catalog/plans"));
        Assert.Equal(["Basic", "Pro"], plans.Select(p => p.Name).Order());
        Assert.Equal([1000L], plans.Single(p => p.Name == "Basic").Prices.Select(p => p.UnitAmount));
        Assert.Empty(await TenantWorld.ReadAsync<List<AddOnResponse>>(await world.World.RepA1.GetAsync("/api/v1/catalog/add-ons")));
    }

    [Fact]
    public async Task Add_ons_are_billed_with_the_plan_each_period()
    {
        host.Clock.AdjustTime(Nov20.AddHours(10));
        using var world = await SubscriptionWorld.CreateAsync(host);
        var support = await TenantWorld.ReadAsync<AddOnResponse>(await world.World.Admin.PostAsJsonAsync("/api/v1/catalog/add-ons",
            new CreateAddOnRequest("Priority support", 250, null), ApiHost.JsonOptions));
        var quarterly = await TenantWorld.ReadAsync<PlanResponse>(await world.World.Finance.PostAsJsonAsync("/api/v1/catalog/plans",
            new CreatePlanRequest(world.Basic.ProductId, "Basic quarterly", 2700, null, "quarter", null), ApiHost.JsonOptions));
        Assert.Equal(("quarter", 1, "EUR"), (quarterly.Interval, quarterly.IntervalCount, quarterly.Currency.ToUpperInvariant()));

        var created = await TenantWorld.ReadAsync<SubscriptionResponse>(await world.World.RepA1.PostAsJsonAsync("/api/v1/subscriptions",
            new CreateSubscriptionRequest(world.Customer.Id, quarterly.Id, Nov20, null, 1, [new AddOnItemRequest(support.Id, 2)], null, null,
                null), ApiHost.JsonOptions));
        await world.RenewAsync();

        Assert.Equal(new PeriodResponse(Nov20, Nov20.AddMonths(3)), created.CurrentPeriod);
        Assert.Equal([(Nov20, 3200L, "paid")], await world.InvoicesAsync());
    }
}
