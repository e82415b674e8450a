using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Invoices;

/// <summary>Bad input gets a 4xx problem with a stable type, and nothing is written.</summary>
public sealed class ValidationTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static CreateInvoiceRequest Valid(string customerId) =>
        new(customerId, null, null, null, null, 14, [new InvoiceLineRequest("Consulting", 1, 10_000, null)], ["q4"]);

    public static TheoryData<string, string, int, string> BadInvoices => new()
    {
        { "negative amount", """{"lines":[{"description":"x","quantity":1,"unitAmount":-500}]}""", 400, "invalid-request" },
        { "absurd amount", """{"lines":[{"description":"x","quantity":1,"unitAmount":1000000000000}]}""", 400, "invalid-request" },
        { "absurd total", """{"lines":[{"description":"x","quantity":1000,"unitAmount":99999999}]}""", 400, "invalid-request" },
        { "zero quantity", """{"lines":[{"description":"x","quantity":0,"unitAmount":100}]}""", 400, "invalid-request" },
        { "unknown currency", """{"currency":"xyz"}""", 400, "invalid-request" },
        { "currency not the customer's", """{"currency":"usd"}""", 400, "currency-mismatch" },
        { "no lines", """{"lines":[]}""", 400, "invalid-request" },
        { "line without description", """{"lines":[{"quantity":1,"unitAmount":100}]}""", 400, "invalid-request" },
        { "oversized label", """{"labels":["this-label-is-much-longer-than-forty-characters"]}""", 400, "invalid-request" },
        { "label a row key cannot hold", """{"labels":["a/b"]}""", 400, "invalid-request" },
        { "unknown customer", """{"customerId":"cus_unknown"}""", 404, "not-found" },
        { "unknown owner", """{"ownerId":"ghost"}""", 400, "invalid-request" },
        { "due date in the past", """{"daysUntilDue":null,"dueDate":"2020-01-01"}""", 400, "invalid-request" },
        { "unknown collection method", """{"collectionMethod":"barter"}""", 400, "invalid-request" },
    };

    [Theory]
    [MemberData(nameof(BadInvoices))]
    public async Task A_bad_invoice_is_refused_and_nothing_is_written(string because, string overrides, int status, string type)
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Valid(customer.Id), ApiHost.JsonOptions))!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(overrides)!.AsObject()) body[key] = value?.DeepClone();
        var rowsBefore = await RowsAsync(world);

        var response = await world.RepA1.PostAsync("/api/v1/invoices", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.True(status == (int)response.StatusCode, $"{because}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await AssertProblemAsync(response, type);
        Assert.Equal(rowsBefore, await RowsAsync(world));
    }

    [Fact]
    public async Task Unreadable_json_is_a_problem_with_our_type()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var response = await world.RepA1.PostAsync("/api/v1/invoices", new StringContent("{\"lines\": [", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertProblemAsync(response, "invalid-request");
    }

    [Fact]
    public async Task Bad_lines_and_labels_on_an_existing_draft_change_nothing()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var invoice = await world.CreateInvoiceAsync(world.RepA1, (await world.CreateCustomerAsync(world.RepA1)).Id);
        var rowsBefore = await RowsAsync(world);

        var badLine = await world.RepA1.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/lines",
            new InvoiceLineRequest("x", 1, -1, null), ApiHost.JsonOptions);
        var badLabel = await world.RepA1.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/labels",
            new LabelRequest(new string('x', 41)), ApiHost.JsonOptions);
        var unknownLine = await world.RepA1.DeleteAsync($"/api/v1/invoices/{invoice.Id}/lines/li_99");
        var unknownInvoice = await world.RepA1.PostAsJsonAsync("/api/v1/invoices/inv_nope/lines",
            new InvoiceLineRequest("x", 1, 1, null), ApiHost.JsonOptions);
        var badCustomer = await world.RepA1.PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest("X", "not-an-email", null, null, "eur"), ApiHost.JsonOptions);
        var badCurrency = await world.RepA1.PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest("X", null, null, null, "zzz"), ApiHost.JsonOptions);

        Assert.Equal([400, 400, 404, 404, 400, 400], new[] { badLine, badLabel, unknownLine, unknownInvoice, badCustomer,
            badCurrency }.Select(r => (int)r.StatusCode));
        Assert.Equal(rowsBefore, await RowsAsync(world));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string type)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(Problems.TypeBase + type, problem["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
    }

    private async Task<string> RowsAsync(TenantWorld world)
    {
        var keys = new List<string>();
        await foreach (var row in host.Services.GetRequiredService<BillingTables>().Billing.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {world.Tenant.TenantId}")))
            keys.Add($"{row.RowKey}@{row.ETag}");
        return string.Join('\n', keys);
    }
}
