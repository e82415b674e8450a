using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Imports;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;

namespace BillingFunctions.App.Tests.Imports;

/// <summary>
/// CSV imports against Azurite: a dry run's report of every bad row, a bad file refused whole with nothing written, the
/// same file twice creating nothing new, and a tenant's export imported into an empty tenant coming out the same.
/// </summary>
public sealed class CsvImportTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string CustomerHeader = "external_id,name,email,address_line1,address_line2,address_postal_code,address_city," +
        "address_country,owner_id,currency";

    private const string InvoiceHeader = "external_id,customer_external_id,owner_id,currency,collection_method,due_date,days_until_due,labels," +
        "line_description,line_quantity,line_unit_amount,line_tax_rate_basis_points";

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    /// <summary>Starts an import as finance, runs its queued work as the host would, and reads its status.</summary>
    private async Task<ImportStatusResponse> ImportAsync(TenantWorld world, string kind, string csv)
    {
        var accepted = await world.Finance.PostAsync($"/api/v1/imports/{kind}", Csv(csv));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var queued = await TenantWorld.ReadAsync<ImportStatusResponse>(accepted);
        Assert.Equal(("queued", $"/api/v1/imports/{queued.Id}"), (queued.State, accepted.Headers.Location?.ToString()));
        await host.Host.InvokeAsync("run-csv-import", new ImportMessage(world.Tenant.TenantId, queued.Id).ToJson());
        return await TenantWorld.ReadAsync<ImportStatusResponse>(await world.Finance.GetAsync($"/api/v1/imports/{queued.Id}"));
    }

    /// <summary>Every row of the tenant in the billing and imports tables, with its ETag (kept idempotency answers aside).</summary>
    private async Task<HashSet<string>> RowsAsync(TenantWorld world)
    {
        var rows = new HashSet<string>();
        foreach (var table in new[] { host.TableName, ImportStore.TableName })
        {
            await foreach (var row in new TableClient(ApiHost.AzuriteConnectionString, table).QueryAsync<TableEntity>(
                r => r.PartitionKey == world.Tenant.TenantId, select: ["RowKey"]))
                if (!row.RowKey.StartsWith("idem|", StringComparison.Ordinal)) rows.Add($"{table}:{row.RowKey}@{row.ETag}");
        }
        return rows;
    }

    [Fact]
    public async Task A_dry_run_reports_every_bad_row_with_its_line_and_column_and_a_real_run_of_the_file_writes_nothing()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customers = $"""
            {CustomerHeader}
            CRM-1,Globex GmbH,ar@globex.example,Hauptstr. 1,,10115,Berlin,DE,rep-a1,eur
            CRM-2,,nobody@example.com,,,,,,rep-a1,
            CRM-3,Initech,not-an-email,,,,,,nobody,eur
            CRM-1,Globex again,,,,,,,,
            """;
        var before = await RowsAsync(world);

        var report = await TenantWorld.ReadAsync<ImportDryRunResponse>(
            await world.Finance.PostAsync("/api/v1/imports/customers?dryRun=true", Csv(customers)));

        Assert.Equal((4L, 4L, 0L, 3L), (report.RowsRead, report.Records, report.AlreadyImported, report.InvalidRows));
        Assert.Equal([(3L, "name"), (4L, "owner_id"), (4L, "email"), (5L, "external_id")],
            report.Errors.Select(e => (e.Line, e.Column)));
        Assert.Contains("name", report.Errors[0].Reason, StringComparison.Ordinal);

        var refused = await world.Finance.PostAsync("/api/v1/imports/customers", Csv(customers));
        await ProblemAssert.IsAsync(refused, HttpStatusCode.BadRequest, "invalid-csv", "a file with bad rows");
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal(4, problem["errors"]!.AsArray().Count);
        Assert.Equal(before, await RowsAsync(world));

        var existing = await world.CreateCustomerAsync(world.RepA1);
        var invoices = $"""
            {InvoiceHeader}
            INV-1,CRM-9,,,,,14,,Consulting,1,1250,
            INV-2,{existing.Id},,usd,,,,,Consulting,1,12.50,
            INV-2,{existing.Id},,usd,,,,,Licences,-1,1000,abc
            """;
        before = await RowsAsync(world);
        var invoiceReport = await TenantWorld.ReadAsync<ImportDryRunResponse>(
            await world.Finance.PostAsync("/api/v1/imports/invoices?dryRun=true", Csv(invoices)));
        Assert.Equal([(2L, "customer_external_id"), (3L, "currency"), (3L, "line_unit_amount"), (4L, "line_tax_rate_basis_points")],
            invoiceReport.Errors.Select(e => (e.Line, e.Column)));
        Assert.Equal((3L, 2L, 3L), (invoiceReport.RowsRead, invoiceReport.Records, invoiceReport.InvalidRows));
        Assert.Equal(before, await RowsAsync(world));
    }

    [Fact]
    public async Task A_file_that_is_not_an_import_is_a_problem_and_only_finance_and_admins_may_import()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var before = await RowsAsync(world);

        await ProblemAssert.IsAsync(await world.Finance.PostAsync("/api/v1/imports/customers", Csv("name,email\nGlobex,a@b.example\n")),
            HttpStatusCode.BadRequest, "invalid-csv", "no external_id column");
        await ProblemAssert.IsAsync(await world.Finance.PostAsync("/api/v1/imports/customers", Csv("")), HttpStatusCode.BadRequest, "invalid-csv",
            "an empty file");
        await ProblemAssert.IsAsync(await world.Finance.PostAsync("/api/v1/imports/customers", Csv(CustomerHeader + "\n")),
            HttpStatusCode.BadRequest, "invalid-csv", "a header without rows");
        await ProblemAssert.IsAsync(await world.Finance.PostAsync("/api/v1/imports/customers",
            Csv(CustomerHeader + "\nCRM-1,\"Globex,eur\n")), HttpStatusCode.BadRequest, "invalid-csv", "an unclosed quote");
        var tooLarge = new ByteArrayContent(new byte[ImportsApi.MaxFileBytes + 1]);
        tooLarge.Headers.ContentType = new("text/csv");
        await ProblemAssert.IsAsync(await world.Finance.PostAsync("/api/v1/imports/customers", tooLarge), HttpStatusCode.RequestEntityTooLarge,
            "csv-too-large", "a file over the limit");
        await ProblemAssert.IsAsync(await world.Finance.PostAsJsonAsync("/api/v1/imports/customers", new { name = "Globex" }),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "JSON");
        await ProblemAssert.IsAsync(await world.RepA1.PostAsync("/api/v1/imports/customers", Csv(CustomerHeader + "\nCRM-1,Globex,,,,,,,,\n")),
            HttpStatusCode.Forbidden, "forbidden", "a rep");
        await ProblemAssert.IsAsync(await world.ManagerA.GetAsync("/api/v1/imports/imp_00"), HttpStatusCode.Forbidden, "forbidden", "a manager");
        await ProblemAssert.IsAsync(await world.Finance.GetAsync("/api/v1/imports/imp_00"), HttpStatusCode.NotFound, "not-found", "no import");
        Assert.Equal(before, await RowsAsync(world));
    }

    [Fact]
    public async Task Importing_the_same_files_twice_creates_no_duplicates()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customers = $"""
            {CustomerHeader}
            CRM-1,Globex GmbH,ar@globex.example,Hauptstr. 1,,10115,Berlin,DE,rep-a1,eur
            CRM-2,"Initech, Inc.",,,,,,,rep-b,
            """;
        var invoices = $""""
            {InvoiceHeader}
            INV-1,CRM-1,,eur,send_invoice,,14,q4 urgent,Consulting,2,1250,1900
            INV-1,CRM-1,,eur,send_invoice,,14,q4 urgent,"Travel, ""economy""",1,99,
            INV-2,CRM-2,rep-b,,,,30,,Licences,10,500,
            """";

        var first = await ImportAsync(world, "customers", customers);
        var firstInvoices = await ImportAsync(world, "invoices", invoices);
        var again = await ImportAsync(world, "customers", customers);
        var againInvoices = await ImportAsync(world, "invoices", invoices);

        Assert.Equal(("done", 2L, 2L, 0L, 0L), (first.State, first.RowsRead, first.Created, first.SkippedDuplicates, first.Failed));
        Assert.Equal(("done", 3L, 2L, 0L, 0L),
            (firstInvoices.State, firstInvoices.RowsRead, firstInvoices.Created, firstInvoices.SkippedDuplicates, firstInvoices.Failed));
        Assert.Equal((0L, 2L, 0L), (again.Created, again.SkippedDuplicates, again.Failed));
        Assert.Equal((0L, 2L, 0L), (againInvoices.Created, againInvoices.SkippedDuplicates, againInvoices.Failed));
        var listed = await TenantWorld.ReadAsync<Page<CustomerResponse>>(await world.Finance.GetAsync("/api/v1/customers"));
        Assert.Equal(["Globex GmbH", "Initech, Inc."], listed.Items.Select(c => c.Name));
        Assert.All(listed.Items, c => Assert.StartsWith("cus_", c.StripeCustomerId));
        var globex = listed.Items[0];
        Assert.Equal(("rep-a1", "team-a", "Berlin"), (globex.OwnerId, globex.OwnerTeamId, globex.Address?.City));
        var invoiceList = await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await world.Finance.GetAsync("/api/v1/invoices?sort=amount"));
        Assert.Equal([(listed.Items[1].Id, "rep-b", 5000L, ""), (globex.Id, "rep-a1", 2500L + 475 + 99, "q4,urgent")],
            invoiceList.Items.Select(i => (i.CustomerId, i.OwnerId, i.Total, string.Join(',', i.Labels))));
    }

    [Fact]
    public async Task A_tenants_export_imported_into_an_empty_tenant_exports_the_same_customers_and_invoices()
    {
        using var source = await TenantWorld.CreateAsync(host, "Source");
        var globex = await source.CreateCustomerAsync(source.RepA1, "Globex GmbH");
        var initech = await TenantWorld.ReadAsync<CustomerResponse>(await source.RepB.PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest("Initech, \"the\" company", null, new AddressDto("Main St 1", "Suite 2", "10115", "Berlin", "DE"), null, null),
            ApiHost.JsonOptions));
        var first = await source.CreateInvoiceAsync(source.RepA1, globex.Id, 1_250, "q4", "urgent");
        await TenantWorld.ReadAsync<InvoiceResponse>(await source.RepA1.PostAsJsonAsync($"/api/v1/invoices/{first.Id}/lines",
            new InvoiceLineRequest("+Travel, \"and\" lodging", 3, 333, 700), ApiHost.JsonOptions));
        await TenantWorld.ReadAsync<InvoiceResponse>(await source.RepB.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(initech.Id,
            null, null, "charge_automatically", null, null, [new InvoiceLineRequest("Licences", 10, 500, 1900)], []), ApiHost.JsonOptions));
        var customersCsv = await (await source.Finance.GetAsync("/api/v1/customers/export.csv")).Content.ReadAsStringAsync();
        var invoicesCsv = await (await source.Finance.GetAsync("/api/v1/invoices/export.csv")).Content.ReadAsStringAsync();

        using var target = await TenantWorld.CreateAsync(host, "Target");
        Assert.Equal((2L, 0L), ((await ImportAsync(target, "customers", customersCsv)).Created, (await ImportAsync(target, "invoices",
            invoicesCsv)).Failed));

        var customersAgain = await (await target.Finance.GetAsync("/api/v1/customers/export.csv")).Content.ReadAsStringAsync();
        var invoicesAgain = await (await target.Finance.GetAsync("/api/v1/invoices/export.csv")).Content.ReadAsStringAsync();
        string[] compared = [.. InvoiceCsv.ImportColumns, "line_amount", "line_tax", "status", "subtotal", "tax", "total", "amount_due"];
        Assert.Equal(Project(customersCsv, CustomerCsv.ImportColumns), Project(customersAgain, CustomerCsv.ImportColumns));
        Assert.Equal(Project(invoicesCsv, compared), Project(invoicesAgain, compared));
        Assert.Equal(3, CsvText.Rows(invoicesAgain).Count);
        // The export guarded the description against spreadsheets with a '; the import took it off again.
        var imported = await TenantWorld.ReadAsync<InvoiceResponse>(await target.Finance.GetAsync($"/api/v1/invoices/{first.Id}"));
        Assert.Equal(("draft", "+Travel, \"and\" lodging"), (imported.Status, imported.Lines[1].Description));
    }

    [Fact]
    public async Task A_record_that_cannot_be_written_when_the_queued_run_comes_is_counted_as_failed_with_its_reason()
    {
        using var world = await TenantWorld.CreateAsync(host);
        await world.PutUserAsync("rep-c", "rep", "team-b");
        var accepted = await world.Finance.PostAsync("/api/v1/imports/customers",
            Csv($"{CustomerHeader}\nCRM-1,Globex,,,,,,,rep-c,\nCRM-2,Initech,,,,,,,rep-b,\n"));
        var queued = await TenantWorld.ReadAsync<ImportStatusResponse>(accepted);
        (await world.Admin.DeleteAsync("/api/v1/users/rep-c")).EnsureSuccessStatusCode();

        var message = new ImportMessage(world.Tenant.TenantId, queued.Id).ToJson();
        await host.Host.InvokeAsync("run-csv-import", message);
        var status = await TenantWorld.ReadAsync<ImportStatusResponse>(await world.Finance.GetAsync($"/api/v1/imports/{queued.Id}"));
        // The message again, as the queue may deliver it: the import is done, nothing changes.
        await host.Host.InvokeAsync("run-csv-import", message);
        var again = await TenantWorld.ReadAsync<ImportStatusResponse>(await world.Finance.GetAsync($"/api/v1/imports/{queued.Id}"));

        Assert.Equal(("done", 2L, 1L, 0L, 1L), (status.State, status.RowsRead, status.Created, status.SkippedDuplicates, status.Failed));
        Assert.Equal((2L, "owner_id"), (status.Failures.Single().Line, status.Failures[0].Column));
        Assert.Contains("rep-c", status.Failures[0].Reason, StringComparison.Ordinal);
        Assert.NotNull(status.CompletedAt);
        Assert.Equal(status with { Failures = [] }, again with { Failures = [] });
        var listed = await TenantWorld.ReadAsync<Page<CustomerResponse>>(await world.Finance.GetAsync("/api/v1/customers"));
        Assert.Equal(["Initech"], listed.Items.Select(c => c.Name));
    }

    [Fact]
    public async Task An_idempotency_key_answers_the_same_file_with_its_first_import_and_refuses_another_file()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var file = $"{CustomerHeader}\nCRM-1,Globex,,,,,,,,\n";
        HttpRequestMessage Post(string csv)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/customers") { Content = Csv(csv) };
            request.Headers.Add("Idempotency-Key", "import-1");
            return request;
        }

        var first = await TenantWorld.ReadAsync<ImportStatusResponse>(await world.Finance.SendAsync(Post(file)));
        var repeat = await world.Finance.SendAsync(Post(file));

        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        Assert.Equal(first.Id, (await TenantWorld.ReadAsync<ImportStatusResponse>(repeat)).Id);
        await ProblemAssert.IsAsync(await world.Finance.SendAsync(Post(file + "CRM-2,Initech,,,,,,,,\n")), HttpStatusCode.UnprocessableEntity,
            "idempotency-key-reused", "the key with another file");
    }

    /// <summary>The file's rows as the named columns' values, sorted: what must come out of an import as it went in.</summary>
    private static List<string> Project(string csv, IEnumerable<string> columns) =>
        [.. CsvText.Rows(csv).Select(r => string.Join(" | ", columns.Select(c => r[c]))).Order(StringComparer.Ordinal)];
}
