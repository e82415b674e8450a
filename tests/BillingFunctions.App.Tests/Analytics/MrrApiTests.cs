using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using BillingFunctions.App.Analytics;
using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Subscriptions;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Analytics;

/// <summary>
/// Two customers in euros: rep A1's subscribes to 2 × Basic (1000) and rep B's to 1 × Pro (3000) on 20 November; on
/// 5 December A1's goes to 3 × Basic and B's is canceled at once. By hand, at the end of November: MRR 5,000, all new,
/// 2 customers. At the end of December: 3,000 = 5,000 + 1,000 expansion - 3,000 churned; 1 of 2 logos churned (0.5),
/// revenue churn 3,000 / 5,000 = 0.6, ARPA 3,000.
/// </summary>
public sealed class MrrApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly DateTimeOffset Nov20 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private async Task<SubscriptionWorld> YearEndAsync()
    {
        host.Clock.AdjustTime(Nov20.AddHours(10));
        var world = await SubscriptionWorld.CreateAsync(host);
        var customerB = await world.World.CreateCustomerAsync(world.World.RepB, "Initech");
        await world.World.RepB.PostAsJsonAsync($"/api/v1/customers/{customerB.Id}/default-payment-method",
            new SetPaymentMethodRequest("pm_card_visa"), ApiHost.JsonOptions);
        var a = await world.SubscribeAsync(world.World.RepA1, world.Basic.Id, quantity: 2, start: Nov20);
        var b = await TenantWorld.ReadAsync<SubscriptionResponse>(await world.World.RepB.PostAsJsonAsync("/api/v1/subscriptions",
            new CreateSubscriptionRequest(customerB.Id, world.Pro.Id, Nov20, null, 1, null, null, null, null), ApiHost.JsonOptions));
        await world.RenewAsync();

        host.Clock.AdjustTime(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK, (await world.World.RepA1.PostAsJsonAsync($"/api/v1/subscriptions/{a.Id}/change",
            new ChangeSubscriptionRequest(null, 3, "now"), ApiHost.JsonOptions)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.World.RepB.PostAsJsonAsync($"/api/v1/subscriptions/{b.Id}/cancel",
            new CancelSubscriptionRequest("now"), ApiHost.JsonOptions)).StatusCode);
        return world;
    }

    private static async Task<MrrReport> MrrAsync(HttpClient client, string query = "?from=2026-11&to=2026-12") =>
        await TenantWorld.ReadAsync<MrrReport>(await client.GetAsync("/api/v1/analytics/mrr" + query));

    [Fact]
    public async Task Finance_sees_every_movement_of_the_tenant_worked_out_by_hand()
    {
        using var world = await YearEndAsync();

        var report = await MrrAsync(world.World.Finance);

        var euro = Assert.Single(report.Currencies);
        Assert.Equal("eur", euro.Currency.ToLowerInvariant());
        var (nov, dec) = (euro.Months[0], euro.Months[1]);
        Assert.Equal(("2026-11", 5_000L, 60_000L, 5_000L, 2, 2), (nov.Month, nov.Mrr, nov.Arr, nov.New, nov.Customers, nov.NewCustomers));
        Assert.Equal(("2026-12", 5_000L, 3_000L, 1_000L, 3_000L, 0L), (dec.Month, dec.OpeningMrr, dec.Mrr, dec.Expansion, dec.Churned, dec.New));
        Assert.Equal((1, 1, 0.5m, 0.6m, 3_000L), (dec.Customers, dec.ChurnedCustomers, dec.LogoChurnRate, dec.RevenueChurnRate, dec.Arpa));
        Assert.Null(dec.NetRevenueRetention);
    }

    [Fact]
    public async Task Reps_and_managers_see_only_the_customers_they_may_see()
    {
        using var world = await YearEndAsync();

        var repB = Assert.Single((await MrrAsync(world.World.RepB)).Currencies).Months;
        Assert.Equal([3_000L, 0L], repB.Select(m => m.Mrr));
        Assert.Equal(3_000, repB[1].Churned);
        var managerA = Assert.Single((await MrrAsync(world.World.ManagerA)).Currencies).Months;
        Assert.Equal([2_000L, 3_000L], managerA.Select(m => m.Mrr));
        Assert.Equal((0L, 1_000L), (managerA[1].Churned, managerA[1].Expansion));
        Assert.Empty((await MrrAsync(world.World.RepA2)).Currencies);
    }

    [Fact]
    public async Task A_closed_month_is_read_as_it_was_closed_until_finance_recomputes_it()
    {
        using var world = await YearEndAsync();
        var tenant = new TenantId(world.World.Tenant.TenantId);
        var close = host.Services.GetRequiredService<MrrMonthClose>();
        host.Clock.AdjustTime(new DateTimeOffset(2027, 1, 2, 3, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, await close.CloseAsync(tenant, recompute: false, CancellationToken.None));
        Assert.Equal(0, await close.CloseAsync(tenant, recompute: false, CancellationToken.None));

        // A correction dated in the past (here: straight into storage) changes the histories, not the closed months.
        await RewriteHistoriesAsync(tenant, quantityFactor: 2);
        Assert.Equal([5_000L, 3_000L], (await MrrAsync(world.World.Finance)).Currencies.Single().Months.Select(m => m.Mrr));
        Assert.Equal(HttpStatusCode.Forbidden, (await world.World.RepA1.PostAsync("/api/v1/analytics/recompute", null)).StatusCode);

        var recomputed = await TenantWorld.ReadAsync<RecomputeResponse>(await world.World.Finance.PostAsync("/api/v1/analytics/recompute", null));

        Assert.Equal(2, recomputed.Months);
        Assert.Equal([10_000L, 6_000L], (await MrrAsync(world.World.Finance)).Currencies.Single().Months.Select(m => m.Mrr));
    }

    [Fact]
    public async Task Months_closed_one_by_one_equal_the_months_a_recompute_rebuilds()
    {
        using var world = await YearEndAsync();
        var tenant = new TenantId(world.World.Tenant.TenantId);
        var close = host.Services.GetRequiredService<MrrMonthClose>();
        host.Clock.AdjustTime(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await close.CloseAsync(tenant, recompute: false, CancellationToken.None));
        host.Clock.AdjustTime(new DateTimeOffset(2027, 1, 2, 3, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await close.CloseAsync(tenant, recompute: false, CancellationToken.None));
        var oneByOne = await MonthRowsAsync(tenant);

        Assert.Equal(2, await close.CloseAsync(tenant, recompute: true, CancellationToken.None));

        Assert.Equal(["mrr|eur|2026-11|000", "mrr|eur|2026-12|000"], oneByOne.Select(r => r.Key));
        Assert.Equal(oneByOne, await MonthRowsAsync(tenant));
    }

    private async Task<List<(string Key, string Entries)>> MonthRowsAsync(TenantId tenant)
    {
        var rows = new List<(string, string)>();
        var table = host.Services.GetRequiredService<BillingTables>().Dashboards;
        await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == tenant.Value
            && r.RowKey.CompareTo("mrr|") >= 0 && r.RowKey.CompareTo("mrr}") < 0))
            rows.Add((row.RowKey, row.GetString("Entries")!));
        return rows;
    }

    /// <summary>Multiplies every MRR point of the tenant's subscriptions, as a correction dated in the past would change them.</summary>
    private async Task RewriteHistoriesAsync(TenantId tenant, int quantityFactor)
    {
        var table = host.Services.GetRequiredService<BillingTables>().Billing;
        await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == tenant.Value
            && r.RowKey.CompareTo("sub|") >= 0 && r.RowKey.CompareTo("sub}") < 0))
        {
            var state = System.Text.Json.Nodes.JsonNode.Parse(row.GetString("State")!)!;
            foreach (var point in state["MrrHistory"]!.AsArray()) point!["Monthly"] = point["Monthly"]!.GetValue<long>() * quantityFactor;
            row["State"] = state.ToJsonString();
            await table.UpdateEntityAsync(row, row.ETag);
        }
    }

    [Theory]
    [InlineData("?from=2026-13")]
    [InlineData("?to=2026-1")]
    [InlineData("?to=2027-01")]
    [InlineData("?from=2026-12&to=2026-11")]
    [InlineData("?from=2023-11&to=2026-11")]
    [InlineData("?from=1999-12&to=2026-11")]
    public async Task Months_that_are_malformed_in_the_future_reversed_or_too_many_are_refused(string query)
    {
        host.Clock.AdjustTime(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        using var world = await TenantWorld.CreateAsync(host);

        var response = await world.Finance.GetAsync("/api/v1/analytics/mrr" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
