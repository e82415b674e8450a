using System.Net;
using System.Net.Http.Json;
using BillingFunctions.App.Analytics;
using BillingFunctions.App.Catalog;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tests.Accounting;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Tests.Analytics;

/// <summary>
/// A small tenant's 2026 through the API, with the renewals run as the timer runs them, and every figure worked out by
/// hand. The catalog: Basic 10.00 and Pro 30.00 a month and Enterprise 1,200.00 a year in euros, Global 20.00 a month in
/// dollars. Customers and what they do (MRR in minor units; a change "now" moves MRR at once, prorations do not count):
/// <code>
///   A (EUR, rep A1)  10 Jan 2 x Basic = 2,000;   15 Mar upgrade to 2 x Pro = 6,000 (expansion 4,000)
///   B (EUR, rep B)   20 Jan 1 x Pro = 3,000;      5 Apr downgrade to 1 x Basic = 1,000 (contraction 2,000);
///                    10 Jun canceled now (churn 1,000);  1 Sep subscribes again, 1 x Basic = 1,000 (reactivation 1,000)
///   C (EUR, rep A1)   2 Feb 1 x Enterprise yearly: 120,000 / 12 = 10,000
///   D (USD, rep A2)  15 Jan 1 x Global = 2,000
///
///   EUR at month end  Jan 5,000 (new 5,000, 2 customers)  Feb 15,000 (new 10,000)  Mar 19,000 (expansion 4,000)
///                     Apr 17,000 (contraction 2,000)  May 17,000  Jun 16,000 (churned 1,000: 1 of 3 logos, 0.3333;
///                     revenue churn 1,000 / 17,000 = 0.0588)  Jul, Aug 16,000  Sep 17,000 (reactivation 1,000)
///                     Oct-Dec 17,000, 3 customers, ARPA 17,000 / 3 = 5,666.67 -> 5,667   Jan 2027 17,000
///   NRR, Jan 2027     customers paying at the end of Jan 2026: A 2,000 + B 3,000 = 5,000; a year on A 6,000 + B 1,000:
///                     net 7,000 / 5,000 = 1.4; gross min(6,000, 2,000) + min(1,000, 3,000) = 3,000 / 5,000 = 0.6
///   USD               2,000 from January (new 2,000), no movement since; NRR and GRR 1
/// </code>
/// Invoices outside the subscriptions, for the aging (due dates in Berlin's calendar, 14 days after finalizing):
/// <code>
///   1 Jul   A: 2 x 10.00, finalized, voided on 3 Jul (a void in July's journal; never a receivable)
///   1 Oct   A: 2 x 250.00 = 50,000, due 15 Oct   on 31 Dec 77 days past due: 61-90
///   10 Nov  B: 2 x 40.00 = 8,000, due 24 Nov     on 31 Dec 37 days past due: 31-60
///   20 Dec  D: 2 x 15.00 = 3,000 USD, due 3 Jan  on 31 Dec: current
/// </code>
/// Every month's journal balances, and the receivable the journal leaves at the end of the year is the aging's total.
/// </summary>
public sealed class WorkedYearTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static DateTimeOffset On(int month, int day, int year = 2026) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);

    private sealed record Catalog(PlanResponse Basic, PlanResponse Pro, PlanResponse Enterprise, PlanResponse Global);

    [Fact]
    public async Task A_small_tenants_year_gives_the_mrr_movements_churn_retention_aging_and_journal_worked_out_by_hand()
    {
        host.Clock.AdjustTime(On(1, 5));
        using var world = await TenantWorld.CreateAsync(host);
        var catalog = await CatalogAsync(world);
        var a = await CustomerAsync(world, world.RepA1, "Alpha", "eur");
        var b = await CustomerAsync(world, world.RepB, "Beta", "eur");
        var c = await CustomerAsync(world, world.RepA1, "Gamma", "eur");
        var d = await CustomerAsync(world, world.RepA2, "Delta", "usd");

        await MoveToAsync(world, On(1, 10));
        var subA = await SubscribeAsync(world.RepA1, a, catalog.Basic, 2);
        await MoveToAsync(world, On(1, 15));
        await SubscribeAsync(world.RepA2, d, catalog.Global, 1);
        await MoveToAsync(world, On(1, 20));
        var subB = await SubscribeAsync(world.RepB, b, catalog.Pro, 1);
        await MoveToAsync(world, On(2, 2));
        await SubscribeAsync(world.RepA1, c, catalog.Enterprise, 1);
        await MoveToAsync(world, On(3, 15));
        await ChangeAsync(world.RepA1, subA, catalog.Pro, 2);
        await MoveToAsync(world, On(4, 5));
        await ChangeAsync(world.RepB, subB, catalog.Basic, 1);
        await MoveToAsync(world, On(6, 10));
        Assert.Equal(HttpStatusCode.OK, (await world.RepB.PostAsJsonAsync($"/api/v1/subscriptions/{subB.Id}/cancel",
            new CancelSubscriptionRequest("now"), ApiHost.JsonOptions)).StatusCode);
        await MoveToAsync(world, On(7, 1));
        var voided = await FinalizeAsync(world.RepA1, await world.CreateInvoiceAsync(world.RepA1, a.Id, 1_000));
        await MoveToAsync(world, On(7, 3));
        Assert.Equal(HttpStatusCode.OK, (await world.ManagerA.PostAsync($"/api/v1/invoices/{voided.Id}/void", null)).StatusCode);
        await MoveToAsync(world, On(9, 1));
        await SubscribeAsync(world.RepB, b, catalog.Basic, 1);
        await MoveToAsync(world, On(10, 1));
        await FinalizeAsync(world.RepA1, await world.CreateInvoiceAsync(world.RepA1, a.Id, 25_000));
        await MoveToAsync(world, On(11, 10));
        await FinalizeAsync(world.RepB, await world.CreateInvoiceAsync(world.RepB, b.Id, 4_000));
        await MoveToAsync(world, On(12, 20));
        await FinalizeAsync(world.RepA2, await world.CreateInvoiceAsync(world.RepA2, d.Id, 1_500));
        await MoveToAsync(world, On(1, 5, 2027));

        var report = await TenantWorld.ReadAsync<MrrReport>(await world.Finance.GetAsync("/api/v1/analytics/mrr?from=2026-01&to=2027-01"));
        var eur = report.Currencies.Single(x => x.Currency == "eur").Months;
        var usd = report.Currencies.Single(x => x.Currency == "usd").Months;
        Assert.Equal([5_000L, 15_000, 19_000, 17_000, 17_000, 16_000, 16_000, 16_000, 17_000, 17_000, 17_000, 17_000, 17_000],
            eur.Select(m => m.Mrr));
        Assert.Equal([(5_000L, 0L, 0L, 0L, 0L), (10_000, 0, 0, 0, 0), (0, 0, 4_000, 0, 0), (0, 0, 0, 2_000, 0), (0, 0, 0, 0, 0),
                (0, 0, 0, 0, 1_000), (0, 0, 0, 0, 0), (0, 0, 0, 0, 0), (0, 1_000, 0, 0, 0), (0, 0, 0, 0, 0), (0, 0, 0, 0, 0), (0, 0, 0, 0, 0),
                (0, 0, 0, 0, 0)],
            eur.Select(m => (m.New, m.Reactivation, m.Expansion, m.Contraction, m.Churned)));
        Assert.Equal((2, 2), (eur[0].Customers, eur[0].NewCustomers));
        Assert.Equal((2, 1, 0.3333m, 0.0588m), (eur[5].Customers, eur[5].ChurnedCustomers, eur[5].LogoChurnRate, eur[5].RevenueChurnRate));
        Assert.Equal((3, 1), (eur[8].Customers, eur[8].ReactivatedCustomers));
        Assert.Equal((17_000L, 204_000L, 3, 5_667L), (eur[11].Mrr, eur[11].Arr, eur[11].Customers, eur[11].Arpa));
        Assert.Equal((1.4m, 0.6m), (eur[12].NetRevenueRetention, eur[12].GrossRevenueRetention));
        Assert.All(eur.Take(12), m => Assert.Null(m.NetRevenueRetention));
        Assert.Equal(Enumerable.Repeat(2_000L, 13), usd.Select(m => m.Mrr));
        Assert.Equal((2_000L, 1.0m, 1.0m), (usd[0].New, usd[12].NetRevenueRetention, usd[12].GrossRevenueRetention));
        Assert.All(eur.Concat(usd), m => Assert.Equal(m.Mrr, m.OpeningMrr + m.New + m.Reactivation + m.Expansion - m.Contraction - m.Churned));

        var aging = await TenantWorld.ReadAsync<ReceivablesAgingReport>(
            await world.Finance.GetAsync("/api/v1/analytics/receivables-aging?on=2026-12-31"));
        Assert.Equal([("eur", 58_000L, "31-60", 8_000L, "61-90", 50_000L), ("usd", 3_000L, "current", 3_000L, "current", 3_000L)],
            aging.Currencies.Select(x => (x.Currency, x.Total, Bucket(x, 0).Name, Bucket(x, 0).Amount, Bucket(x, 1).Name, Bucket(x, 1).Amount)));

        // A rep sees only their own customers' figures: rep B is customer B alone, rep A2 the dollars alone.
        var repB = Assert.Single((await TenantWorld.ReadAsync<MrrReport>(
            await world.RepB.GetAsync("/api/v1/analytics/mrr?from=2026-01&to=2027-01"))).Currencies).Months;
        Assert.Equal([3_000L, 3_000, 3_000, 1_000, 1_000, 0, 0, 0, 1_000, 1_000, 1_000, 1_000, 1_000], repB.Select(m => m.Mrr));
        Assert.Equal(["usd"], (await TenantWorld.ReadAsync<MrrReport>(
            await world.RepA2.GetAsync("/api/v1/analytics/mrr?from=2026-01&to=2027-01"))).Currencies.Select(x => x.Currency));

        // Every month's journal balances, and what it leaves owed at the year's end is what the aging says is open.
        var receivable = new Dictionary<string, decimal>();
        for (var month = 1; month <= 12; month++)
        {
            var first = new DateOnly(2026, month, 1);
            var journal = await Journal.ExportAsync(world.Finance, $"{first:yyyy-MM-dd}", $"{first.AddMonths(1).AddDays(-1):yyyy-MM-dd}");
            journal.AssertEveryEntryBalances();
            Assert.NotEmpty(journal.Lines);
            foreach (var currency in new[] { "EUR", "USD" })
            {
                receivable[currency] = receivable.GetValueOrDefault(currency)
                    + journal.Debits(currency, "Accounts Receivable (A/R)") - journal.Credits(currency, "Accounts Receivable (A/R)");
            }
        }
        Assert.Equal((580.00m, 30.00m), (receivable["EUR"], receivable["USD"]));
    }

    private static (string Name, long Amount) Bucket(CurrencyAging aging, int nonEmpty)
    {
        var buckets = aging.Buckets.Where(x => x.Invoices > 0).ToList();
        var bucket = buckets[Math.Min(nonEmpty, buckets.Count - 1)];
        return (bucket.Bucket, bucket.Amount);
    }

    /// <summary>Moves the clock forward and runs the renewals due by then, as the timer and the task hub would have.</summary>
    private async Task MoveToAsync(TenantWorld world, DateTimeOffset at)
    {
        var now = host.Clock.GetUtcNow();
        // A step at most a week long, so renewals run within days of their dates, as the five-minute timer runs them.
        for (var step = now.AddDays(7); step < at; step = step.AddDays(7)) await RenewAtAsync(world, step);
        await RenewAtAsync(world, at);
    }

    private async Task RenewAtAsync(TenantWorld world, DateTimeOffset at)
    {
        host.Clock.AdjustTime(at);
        var (due, durable) = (host.Services.GetRequiredService<DueRenewals>(), host.Services.GetRequiredService<DurableTaskClient>());
        for (var round = 0; round < 30; round++)
        {
            var started = await due.StartDueAsync(durable, world.Tenant.TenantId, CancellationToken.None);
            await DurableProcesses.SettleAsync(host.Services, world.Tenant.TenantId);
            if (started == 0) return;
        }
        throw new InvalidOperationException("Renewals stayed due after 30 rounds.");
    }

    private static async Task<Catalog> CatalogAsync(TenantWorld world)
    {
        var product = await TenantWorld.ReadAsync<ProductResponse>(await world.Finance.PostAsJsonAsync("/api/v1/catalog/products",
            new CreateProductRequest("Billing Suite"), ApiHost.JsonOptions));
        async Task<PlanResponse> PlanAsync(string name, long amount, string currency, string interval) =>
            await TenantWorld.ReadAsync<PlanResponse>(await world.Finance.PostAsJsonAsync("/api/v1/catalog/plans",
                new CreatePlanRequest(product.Id, name, amount, currency, interval, null), ApiHost.JsonOptions));
        return new(await PlanAsync("Basic", 1_000, "eur", "month"), await PlanAsync("Pro", 3_000, "eur", "month"),
            await PlanAsync("Enterprise", 120_000, "eur", "year"), await PlanAsync("Global", 2_000, "usd", "month"));
    }

    private static async Task<CustomerResponse> CustomerAsync(TenantWorld world, HttpClient rep, string name, string currency)
    {
        var customer = await TenantWorld.ReadAsync<CustomerResponse>(await rep.PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest(name, $"billing@{name.ToLowerInvariant()}.example", null, null, currency), ApiHost.JsonOptions));
        return await TenantWorld.ReadAsync<CustomerResponse>(await rep.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/default-payment-method",
            new SetPaymentMethodRequest("pm_card_visa"), ApiHost.JsonOptions));
    }

    private static async Task<SubscriptionResponse> SubscribeAsync(HttpClient rep, CustomerResponse customer, PlanResponse plan, int quantity) =>
        await TenantWorld.ReadAsync<SubscriptionResponse>(await rep.PostAsJsonAsync("/api/v1/subscriptions",
            new CreateSubscriptionRequest(customer.Id, plan.Id, null, null, quantity, null, null, null, null), ApiHost.JsonOptions));

    private static async Task ChangeAsync(HttpClient rep, SubscriptionResponse subscription, PlanResponse plan, int quantity) =>
        Assert.Equal(HttpStatusCode.OK, (await rep.PostAsJsonAsync($"/api/v1/subscriptions/{subscription.Id}/change",
            new ChangeSubscriptionRequest(plan.Id, quantity, "now"), ApiHost.JsonOptions)).StatusCode);

    private static async Task<InvoiceResponse> FinalizeAsync(HttpClient rep, InvoiceResponse draft) =>
        await TenantWorld.ReadAsync<InvoiceResponse>(await rep.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null));
}
