using System.Net;
using System.Net.Http.Json;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Invoices;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tests.Accounting;

/// <summary>
/// A tenant's March in euros (Berlin). On 3 March rep A1 finalizes three invoices for Globex: 2 × 100.00 at 19 % tax
/// (238.00), 2 × 50.00 untaxed (100.00) and 2 × 25.00 untaxed (50.00), and keeps a draft. On 10 March the first is paid and
/// the third voided; on 2 April the second is voided. By hand, March's journal:
/// <code>
/// 3 March   receivable 238.00 | revenue 200.00, tax 38.00      receivable 100.00 | revenue 100.00
///           receivable 50.00  | revenue 50.00
/// 10 March  undeposited funds 238.00 | receivable 238.00       revenue 50.00 | receivable 50.00 (the void)
/// </code>
/// Debits 676.00 = credits 676.00; receivable left: 100.00. April's journal is the one void of 100.00.
/// </summary>
public sealed class JournalExportTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Receivable = "Accounts Receivable (A/R)";

    private async Task<(TenantWorld World, InvoiceResponse Paid)> MarchAsync()
    {
        host.Clock.AdjustTime(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero));
        var world = await TenantWorld.CreateAsync(host);
        var globex = await world.CreateCustomerAsync(world.RepA1, "Globex");
        var taxed = await FinalizeAsync(world, (await world.RepA1.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(globex.Id, null,
            null, null, null, 14, [new InvoiceLineRequest("Seats", 2, 10_000, 1_900)], []), ApiHost.JsonOptions)));
        var kept = await FinalizeAsync(world, await world.RepA1.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(globex.Id, null, null,
            null, null, 14, [new InvoiceLineRequest("Setup", 2, 5_000, null)], []), ApiHost.JsonOptions));
        var voided = await FinalizeAsync(world, await world.RepA1.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(globex.Id, null,
            null, null, null, 14, [new InvoiceLineRequest("Training", 2, 2_500, null)], []), ApiHost.JsonOptions));
        await world.CreateInvoiceAsync(world.RepA1, globex.Id, 7_000);

        host.Clock.AdjustTime(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        var events = host.Services.GetRequiredService<StripeInvoiceEvents>();
        await events.ApplyAsync(new TenantId(world.Tenant.TenantId), StripeEvents.Invoice("evt_paid", "invoice.paid", taxed.StripeInvoiceId!,
            taxed.Id, "paid", 23_800, 23_800, host.Clock.GetUtcNow()), default);
        Assert.Equal(HttpStatusCode.OK, (await world.Finance.PostAsync($"/api/v1/invoices/{voided.Id}/void", null)).StatusCode);
        host.Clock.AdjustTime(new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK, (await world.Finance.PostAsync($"/api/v1/invoices/{kept.Id}/void", null)).StatusCode);
        return (world, taxed);
    }

    private static async Task<InvoiceResponse> FinalizeAsync(TenantWorld world, HttpResponseMessage created)
    {
        var draft = await TenantWorld.ReadAsync<InvoiceResponse>(created);
        return await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null));
    }

    [Fact]
    public async Task A_months_journal_has_the_entries_worked_out_by_hand_and_balances()
    {
        var (world, paid) = await MarchAsync();
        using var _ = world;

        var march = await Journal.ExportAsync(world.Finance, "2026-03-01", "2026-03-31");

        march.AssertEveryEntryBalances();
        Assert.Equal(5, march.Entries.Count());
        Assert.Equal((676.00m, 676.00m), (march.Debits("EUR"), march.Credits("EUR")));
        Assert.Equal(100.00m, march.Debits("EUR", Receivable) - march.Credits("EUR", Receivable));
        Assert.Equal((0m, 38.00m), (march.Debits("EUR", "Sales Tax Payable"), march.Credits("EUR", "Sales Tax Payable")));
        Assert.Equal((50.00m, 350.00m), (march.Debits("EUR", "Sales"), march.Credits("EUR", "Sales")));
        Assert.Equal(238.00m, march.Debits("EUR", "Undeposited Funds"));
        var payment = march.Lines.Where(l => l["JournalNo"] == "ACME-0001-PAY").ToList();
        Assert.Equal([("03/10/2026", "238.00", "", "Undeposited Funds"), ("03/10/2026", "", "238.00", Receivable)],
            payment.Select(l => (l["JournalDate"], l["Debits"], l["Credits"], l["AccountName"])));
        Assert.All(march.Lines, l => Assert.Equal("Globex", l["Name"]));
        Assert.Contains(paid.Id, payment[0]["Description"], StringComparison.Ordinal);

        var april = await Journal.ExportAsync(world.Finance, "2026-04-01", "2026-04-30");
        april.AssertEveryEntryBalances();
        var voided = Assert.Single(april.Entries);
        Assert.EndsWith("-VOID", voided.Key, StringComparison.Ordinal);
        Assert.Equal((100.00m, 100.00m), (april.Debits("EUR", "Sales"), april.Credits("EUR", Receivable)));
    }

    [Fact]
    public async Task Only_finance_and_admins_export_the_journal()
    {
        var (world, _) = await MarchAsync();
        using var __ = world;

        foreach (var client in new[] { world.RepA1, world.RepB, world.ManagerA })
        {
            var response = await client.GetAsync("/api/v1/accounting/journal.csv?from=2026-03-01&to=2026-03-31");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.NotEmpty((await Journal.ExportAsync(world.Admin, "2026-03-01", "2026-03-31")).Lines);
    }

    [Theory]
    [InlineData("?from=2026-02-30")]
    [InlineData("?from=2026-04-01&to=2026-03-01")]
    [InlineData("?from=2025-01-01&to=2026-03-01")]
    public async Task A_period_that_is_malformed_reversed_or_too_long_is_refused(string query)
    {
        using var world = await TenantWorld.CreateAsync(host);

        var response = await world.Finance.GetAsync("/api/v1/accounting/journal.csv" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
