using System.Net;
using System.Net.Http.Json;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;

namespace BillingFunctions.App.Tests.Api;

public sealed class IdempotencyKeyTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static HttpRequestMessage Post(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: ApiHost.JsonOptions) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task A_retried_create_with_the_same_key_answers_the_first_result_and_creates_one_invoice()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var body = new CreateInvoiceRequest(customer.Id, null, null, null, null, 14, [new InvoiceLineRequest("Audit", 1, 9_900, null)], []);

        var first = await world.RepA1.SendAsync(Post("/api/v1/invoices", body, "create-audit-invoice"));
        var second = await world.RepA1.SendAsync(Post("/api/v1/invoices", body, "create-audit-invoice"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        var (a, b) = (await TenantWorld.ReadAsync<InvoiceResponse>(first), await TenantWorld.ReadAsync<InvoiceResponse>(second));
        Assert.Equal(a.Id, b.Id);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        var listed = await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await world.RepA1.GetAsync($"/api/v1/invoices?customerId={customer.Id}"));
        Assert.Single(listed.Items);
    }

    [Fact]
    public async Task The_same_key_for_a_different_request_is_refused_with_422()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var line = new InvoiceLineRequest("Audit", 1, 9_900, null);

        await world.RepA1.SendAsync(Post("/api/v1/invoices", new CreateInvoiceRequest(customer.Id, null, null, null, null, 14, [line], []), "k1"));
        var reused = await world.RepA1.SendAsync(Post("/api/v1/invoices",
            new CreateInvoiceRequest(customer.Id, null, null, null, null, 30, [line], []), "k1"));

        Assert.Equal((HttpStatusCode)422, reused.StatusCode);
        Assert.Contains("idempotency-key-reused", await reused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keys_belong_to_the_user_so_two_users_may_use_the_same_one()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var one = await world.RepA1.SendAsync(Post("/api/v1/customers", new CreateCustomerRequest("One", null, null, null, null), "same"));
        var two = await world.RepB.SendAsync(Post("/api/v1/customers", new CreateCustomerRequest("Two", null, null, null, null), "same"));
        Assert.NotEqual((await TenantWorld.ReadAsync<CustomerResponse>(one)).Id, (await TenantWorld.ReadAsync<CustomerResponse>(two)).Id);
    }
}
