using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BillingFunctions.App.Http;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tests.Subscriptions;

namespace BillingFunctions.App.Tests.Api;

/// <summary>How the API turns a request down: the right 4xx, always an RFC 9457 problem with one type base.</summary>
public sealed class RequestRejectionTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Theory]
    [InlineData("!!!")]
    [InlineData("AAAA")]
    [InlineData("-_-_")]
    public async Task A_continuation_token_the_api_did_not_issue_is_a_400_on_every_list(string token)
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.Admin);
        var lists = OpenApi.Operations()
            .Where(o => o.Method == "GET" && o.Parameters.Any(p => p["name"]!.GetValue<string>() == "continuationToken")).ToList();
        Assert.True(lists.Count >= 4, "the document lists the paged lists");

        foreach (var list in lists)
        {
            var path = list.Path.Replace("{customerId}", customer.Id);
            var response = await world.Admin.GetAsync($"{path}?continuationToken={Uri.EscapeDataString(token)}");
            await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid-request", $"{list.OperationId} with token {token}");
        }
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_a_415(string contentType)
    {
        using var world = await TenantWorld.CreateAsync(host);
        var response = await world.Admin.PostAsync("/api/v1/customers", new StringContent("name=Globex", Encoding.UTF8, contentType));
        await ProblemAssert.IsAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", contentType);
    }

    [Fact]
    public async Task A_method_a_route_does_not_answer_is_a_405_naming_those_it_does()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.Admin);
        var response = await world.Admin.PatchAsync($"/api/v1/customers/{customer.Id}", JsonContent.Create(new { name = "Initech" }));
        await ProblemAssert.IsAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed", "PATCH on a customer");
        Assert.Equal(["GET", "PUT"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_path_no_route_has_is_a_404_problem()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var response = await world.Admin.GetAsync("/api/v1/no-such-thing");
        await ProblemAssert.IsAsync(response, HttpStatusCode.NotFound, "not-found", "unknown path");
    }

    [Fact]
    public async Task Hold_takes_no_body_as_the_document_says()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.Admin);
        var invoice = await world.CreateInvoiceAsync(world.Admin, customer.Id);

        var held = await TenantWorld.ReadAsync<InvoiceResponse>(await world.Admin.PostAsync($"/api/v1/invoices/{invoice.Id}/hold", null));

        Assert.True(held.OnHold);
    }

    [Fact]
    public async Task Cancel_takes_no_body_as_the_document_says()
    {
        host.Clock.AdjustTime(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        using var world = await SubscriptionWorld.CreateAsync(host);
        var subscription = await world.SubscribeAsync(world.World.RepA1, world.Basic.Id);

        var canceling = await TenantWorld.ReadAsync<App.Subscriptions.SubscriptionResponse>(
            await world.World.RepA1.PostAsync($"/api/v1/subscriptions/{subscription.Id}/cancel", null));

        Assert.True(canceling.CancelAtPeriodEnd);
    }

    [Fact]
    public async Task Every_problem_type_has_one_base_and_the_document_lists_each_one()
    {
        using var client = host.NewClient();
        var webhook = await client.PostAsync("/api/webhooks/stripe/nobody", new StringContent("{}", Encoding.UTF8, "application/json"));
        var problem = JsonNode.Parse(await webhook.Content.ReadAsStringAsync())!;
        Assert.StartsWith(Problems.TypeBase, problem["type"]!.GetValue<string>());

        var description = OpenApi.Document["components"]!["schemas"]!["ProblemDetails"]!["description"]!.GetValue<string>();
        foreach (var type in Problems.Types.Keys) Assert.Contains(Problems.TypeBase + type, description);
    }
}
