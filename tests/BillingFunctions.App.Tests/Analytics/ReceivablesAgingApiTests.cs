using System.Net;
using BillingFunctions.App.Analytics;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Invoices;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tests.Analytics;

/// <summary>
/// On 1 September rep A1 finalizes an invoice of 20,000 and rep B one of 10,000, both due in 14 days (15 September);
/// A1 also leaves a draft and voids a third. Only the two finalized ones are receivables, and they age from 15 September.
/// </summary>
public sealed class ReceivablesAgingApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    private async Task<TenantWorld> SeptemberAsync()
    {
        host.Clock.AdjustTime(new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.Zero));
        var world = await TenantWorld.CreateAsync(host);
        var a = await world.CreateCustomerAsync(world.RepA1, "Globex");
        var b = await world.CreateCustomerAsync(world.RepB, "Initech");
        await FinalizeAsync(world.RepA1, await world.CreateInvoiceAsync(world.RepA1, a.Id, unitAmount: 10_000));
        await FinalizeAsync(world.RepB, await world.CreateInvoiceAsync(world.RepB, b.Id, unitAmount: 5_000));
        await world.CreateInvoiceAsync(world.RepA1, a.Id, unitAmount: 7_000);
        var voided = await world.CreateInvoiceAsync(world.RepA1, a.Id, unitAmount: 9_000);
        await FinalizeAsync(world.RepA1, voided);
        Assert.Equal(HttpStatusCode.OK, (await world.ManagerA.PostAsync($"/api/v1/invoices/{voided.Id}/void", null)).StatusCode);
        return world;
    }

    private static async Task FinalizeAsync(HttpClient client, InvoiceResponse draft) =>
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null)).StatusCode);

    private static async Task<Dictionary<string, (long Amount, int Invoices)>> BucketsAsync(HttpClient client, string on)
    {
        var report = await TenantWorld.ReadAsync<ReceivablesAgingReport>(await client.GetAsync($"/api/v1/analytics/receivables-aging?on={on}"));
        Assert.Equal(on, report.On);
        return report.Currencies.SelectMany(c => c.Buckets).Where(b => b.Invoices > 0).ToDictionary(b => b.Bucket, b => (b.Amount, b.Invoices));
    }

    [Fact]
    public async Task Open_invoices_move_through_the_buckets_as_they_age()
    {
        using var world = await SeptemberAsync();

        Assert.Equal(new() { ["current"] = (30_000L, 2) }, await BucketsAsync(world.Finance, "2026-09-15"));
        Assert.Equal(new() { ["1-30"] = (30_000L, 2) }, await BucketsAsync(world.Finance, "2026-09-16"));
        Assert.Equal(new() { ["31-60"] = (30_000L, 2) }, await BucketsAsync(world.Finance, "2026-10-20"));
        Assert.Equal(new() { ["61-90"] = (30_000L, 2) }, await BucketsAsync(world.Finance, "2026-12-14"));
        Assert.Equal(new() { ["over-90"] = (30_000L, 2) }, await BucketsAsync(world.Finance, "2026-12-20"));
    }

    [Fact]
    public async Task Each_caller_ages_only_the_invoices_they_may_see()
    {
        using var world = await SeptemberAsync();

        Assert.Equal(new() { ["31-60"] = (20_000L, 1) }, await BucketsAsync(world.RepA1, "2026-10-20"));
        Assert.Equal(new() { ["31-60"] = (20_000L, 1) }, await BucketsAsync(world.ManagerA, "2026-10-20"));
        Assert.Equal(new() { ["31-60"] = (10_000L, 1) }, await BucketsAsync(world.RepB, "2026-10-20"));
        Assert.Empty(await BucketsAsync(world.RepA2, "2026-10-20"));
    }

    /// <summary>
    /// DSO by hand: on 30 September, over the 30 days from 1 September, 30,000 was invoiced (the voided 18,000 was no sale).
    /// Rep B's 10,000 is paid on 20 September, so 20,000 is still due: 20,000 / 30,000 × 30 = 20.0 days. Rep A1 alone:
    /// 20,000 / 20,000 × 30 = 30.0; rep B alone: 0 / 10,000 × 30 = 0.0, shown although nothing is due. On 31 August nothing
    /// had been invoiced in the window, so there is no DSO.
    /// </summary>
    [Fact]
    public async Task Dso_is_what_is_still_due_over_what_was_invoiced_in_the_window_times_its_days()
    {
        using var world = await SeptemberAsync();
        var openOfB = Assert.Single((await TenantWorld.ReadAsync<Page<InvoiceListItem>>(
            await world.RepB.GetAsync("/api/v1/invoices?status=open"))).Items);
        var invoiceOfB = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepB.GetAsync($"/api/v1/invoices/{openOfB.Id}"));
        await host.Services.GetRequiredService<StripeInvoiceEvents>().ApplyAsync(new TenantId(world.Tenant.TenantId), StripeEvents.Invoice(
            "evt_paid_b", "invoice.paid", invoiceOfB.StripeInvoiceId!, invoiceOfB.Id, "paid", 10_000, 10_000,
            new DateTimeOffset(2026, 9, 20, 10, 0, 0, TimeSpan.Zero)), default);

        async Task<CurrencyAging> EuroAsync(HttpClient client, string query) => Assert.Single((await TenantWorld.ReadAsync<ReceivablesAgingReport>(
            await client.GetAsync("/api/v1/analytics/receivables-aging" + query))).Currencies);

        var finance = await EuroAsync(world.Finance, "?on=2026-09-30&dsoDays=30");
        Assert.Equal((20_000L, 30_000L, 20.0m), (finance.Total, finance.Invoiced, finance.DaysSalesOutstanding));
        Assert.Equal((20_000L, 30.0m), ((await EuroAsync(world.RepA1, "?on=2026-09-30&dsoDays=30")).Invoiced,
            (await EuroAsync(world.RepA1, "?on=2026-09-30&dsoDays=30")).DaysSalesOutstanding));
        var repB = await EuroAsync(world.RepB, "?on=2026-09-30&dsoDays=30");
        Assert.Equal((0L, 10_000L, 0.0m), (repB.Total, repB.Invoiced, repB.DaysSalesOutstanding));
        var august = await EuroAsync(world.Finance, "?on=2026-08-31&dsoDays=30");
        Assert.Equal((0L, (decimal?)null), (august.Invoiced, august.DaysSalesOutstanding));
        var byDefault = await TenantWorld.ReadAsync<ReceivablesAgingReport>(await world.Finance.GetAsync("/api/v1/analytics/receivables-aging"));
        Assert.Equal(90, byDefault.DsoDays);
    }

    [Theory]
    [InlineData("?dsoDays=0")]
    [InlineData("?dsoDays=366")]
    [InlineData("?dsoDays=ninety")]
    public async Task A_dso_window_out_of_range_is_refused(string query)
    {
        using var world = await TenantWorld.CreateAsync(host);

        var response = await world.Finance.GetAsync("/api/v1/analytics/receivables-aging" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("20261020")]
    [InlineData("1999-12-31")]
    public async Task A_date_that_is_not_one_is_refused(string on)
    {
        using var world = await TenantWorld.CreateAsync(host);

        var response = await world.Finance.GetAsync($"/api/v1/analytics/receivables-aging?on={on}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
