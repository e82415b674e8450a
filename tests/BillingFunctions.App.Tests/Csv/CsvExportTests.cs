using System.Net;
using System.Net.Http.Json;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Reconciliation;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Reconciliation;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tests.Csv;

/// <summary>CSV exports: the JSON lists' filters and visibility, money in minor units with a currency, a row per invoice line.</summary>
public sealed class CsvExportTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_rep_exports_only_their_own_invoices_a_manager_their_teams_and_finance_the_tenants()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var a1 = await world.CreateInvoiceAsync(world.RepA1, (await world.CreateCustomerAsync(world.RepA1, "Globex")).Id);
        var a2 = await world.CreateInvoiceAsync(world.RepA2, (await world.CreateCustomerAsync(world.RepA2, "Initech")).Id);
        var b = await world.CreateInvoiceAsync(world.RepB, (await world.CreateCustomerAsync(world.RepB, "Umbrella")).Id);

        async Task<string[]> ExportedAsync(HttpClient client, string query = "") =>
            [.. (await CsvText.ReadAsync(await client.GetAsync("/api/v1/invoices/export.csv" + query))).Select(r => r["external_id"]).Order()];

        Assert.Equal([a1.Id], await ExportedAsync(world.RepA1));
        Assert.Equal([b.Id], await ExportedAsync(world.RepB));
        Assert.Empty(await ExportedAsync(world.RepB, $"?ownerId=rep-a1"));
        Assert.Equal(new[] { a1.Id, a2.Id }.Order(), await ExportedAsync(world.ManagerA));
        Assert.Equal(new[] { a1.Id, a2.Id, b.Id }.Order(), await ExportedAsync(world.Finance));
        Assert.Equal([a2.Id], await ExportedAsync(world.Finance, "?ownerId=rep-a2&status=draft"));

        string[] Names(List<Dictionary<string, string>> rows) => [.. rows.Select(r => r["name"])];
        Assert.Equal(["Umbrella"], Names(await CsvText.ReadAsync(await world.RepB.GetAsync("/api/v1/customers/export.csv"))));
        Assert.Equal(["Globex", "Initech"], Names(await CsvText.ReadAsync(await world.ManagerA.GetAsync("/api/v1/customers/export.csv"))));
        Assert.Equal(["Initech"], Names(await CsvText.ReadAsync(await world.Finance.GetAsync("/api/v1/customers/export.csv?search=ini"))));
    }

    [Fact]
    public async Task An_invoice_is_a_row_per_line_with_integer_minor_units_and_its_currency()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var invoice = await world.CreateInvoiceAsync(world.RepA1, customer.Id, 1_250, "q4", "urgent");
        (await world.RepA1.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/lines", new InvoiceLineRequest("=Travel, \"economy\"", 1, 99, 1900),
            ApiHost.JsonOptions)).EnsureSuccessStatusCode();

        var rows = await CsvText.ReadAsync(await world.RepA1.GetAsync("/api/v1/invoices/export.csv?label=urgent"));

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((invoice.Id, customer.Id, "rep-a1", "eur", "q4 urgent", "2599", "19"),
            (r["external_id"], r["customer_external_id"], r["owner_id"], r["currency"], r["labels"], r["subtotal"], r["tax"])));
        Assert.Equal(("Consulting", "2", "1250", "", "2500"),
            (rows[0]["line_description"], rows[0]["line_quantity"], rows[0]["line_unit_amount"], rows[0]["line_tax_rate_basis_points"],
                rows[0]["line_amount"]));
        // A field a spreadsheet would run as a formula gets a ' in front (an import takes it off).
        Assert.Equal(("'=Travel, \"economy\"", "1", "99", "1900", "19"),
            (rows[1]["line_description"], rows[1]["line_quantity"], rows[1]["line_unit_amount"], rows[1]["line_tax_rate_basis_points"],
                rows[1]["line_tax"]));
    }

    [Fact]
    public async Task An_export_goes_on_past_the_first_page_the_table_service_answers()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var store = host.Services.GetRequiredService<CustomerStore>();
        var tenant = new TenantId(world.Tenant.TenantId);
        // More customers than one table query page holds (1000), written straight to the store: the API would call Stripe for each.
        foreach (var batch in Enumerable.Range(0, 1_005).Chunk(25))
            await Task.WhenAll(batch.Select(i => store.TryWriteAsync(tenant, null, default, new CustomerSnapshot
            {
                Id = new CustomerId($"cus_bulk{i:D4}"), Name = $"Bulk {i:D4}", Owner = new UserId("rep-a1"), OwnerTeam = new TeamId("team-a"),
                Currency = Currency.Parse("eur"), CreatedAt = host.Clock.GetUtcNow(),
            }, null, default)));

        var rows = await CsvText.ReadAsync(await world.Finance.GetAsync("/api/v1/customers/export.csv"));

        Assert.Equal(Enumerable.Range(0, 1_005).Select(i => $"Bulk {i:D4}"), rows.Select(r => r["name"]));
    }

    [Fact]
    public async Task Payments_are_for_finance_and_bad_filters_are_a_problem_before_any_row()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var store = host.Services.GetRequiredService<ReconciliationStore>();
        await store.RecordPaymentAsync(new TenantId(world.Tenant.TenantId), new StripePayment("ch_1", "pi_1", "in_1",
            new Money(12_345, Currency.Parse("eur")), new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero), PaymentRecordSource.Charge), default);
        await store.RecordInvoiceAsync(new TenantId(world.Tenant.TenantId), new RecordedInvoice("in_1", new Money(12_345, Currency.Parse("eur")),
            "inv_ours"), default);

        var payments = await CsvText.ReadAsync(await world.Finance.GetAsync("/api/v1/payments/export.csv?from=2026-11-01&to=2026-11-30"));

        Assert.Equal(("ch_1", "charge", "pi_1", "in_1", "inv_ours", "12345", "eur", "2026-11-10T09:00:00Z"),
            (payments.Single()["record_id"], payments[0]["source"], payments[0]["payment_key"], payments[0]["stripe_invoice_id"],
                payments[0]["invoice_id"], payments[0]["amount"], payments[0]["currency"], payments[0]["at"]));
        await ProblemAssert.IsAsync(await world.RepA1.GetAsync("/api/v1/payments/export.csv"), HttpStatusCode.Forbidden, "forbidden", "a rep");
        await ProblemAssert.IsAsync(await world.Finance.GetAsync("/api/v1/payments/export.csv?from=2026-12-01&to=2026-11-01"),
            HttpStatusCode.BadRequest, "invalid-request", "from after to");
        await ProblemAssert.IsAsync(await world.RepA1.GetAsync("/api/v1/invoices/export.csv?status=lost"), HttpStatusCode.BadRequest,
            "invalid-request", "an unknown status");
    }
}
