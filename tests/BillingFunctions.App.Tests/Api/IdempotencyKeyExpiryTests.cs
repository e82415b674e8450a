using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Http;
using BillingFunctions.App.Invoices;

namespace BillingFunctions.App.Tests.Api;

/// <summary>An <c>Idempotency-Key</c> is kept for a day, as at Stripe, and then forgotten with its answer.</summary>
public sealed class IdempotencyKeyExpiryTests(ApiHost host) : IClassFixture<ApiHost>
{
    private IdempotencyKeyExpiry Expiry => host.Services.GetRequiredService<IdempotencyKeyExpiry>();

    private static HttpRequestMessage CreateInvoice(string customerId, string key)
    {
        var body = new CreateInvoiceRequest(customerId, null, null, null, null, 14,
            [new InvoiceLineRequest("Remote support hour", 2, 9_500, 1_900)], []);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/invoices")
            { Content = JsonContent.Create(body, options: ApiHost.JsonOptions) };
        request.Headers.Add(IdempotencyFilter.Header, key);
        return request;
    }

    private async Task<List<string>> KeyRowsAsync(TenantWorld world, string user)
    {
        var tables = host.Services.GetRequiredService<BillingTables>();
        var keys = new List<string>();
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(StorageExtensions.PrefixFilter(world.Tenant.TenantId, $"idem|{user}|"),
            select: ["RowKey"])) keys.Add(row.RowKey);
        return keys;
    }

    private static async Task<int> CountInvoicesAsync(TenantWorld world, HttpClient rep, string customerId) =>
        (await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await rep.GetAsync($"/api/v1/invoices?customerId={customerId}"))).Items.Count;

    [Fact]
    public async Task A_key_replays_its_answer_for_a_day_then_is_forgotten_with_its_answer_and_runs_as_a_new_request()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var first = await world.RepA1.SendAsync(CreateInvoice(customer.Id, "monthly-fee"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        host.Clock.Advance(TimeSpan.FromHours(23));
        await Expiry.RunAsync(default);
        var replay = await world.RepA1.SendAsync(CreateInvoice(customer.Id, "monthly-fee"));

        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountInvoicesAsync(world, world.RepA1, customer.Id));
        Assert.True((await KeyRowsAsync(world, "rep-a1")).Count >= 2, "the key row and its answer's parts");

        host.Clock.Advance(TimeSpan.FromHours(2));
        Assert.True(await Expiry.RunAsync(default) >= 1);

        Assert.Empty(await KeyRowsAsync(world, "rep-a1"));
        var again = await world.RepA1.SendAsync(CreateInvoice(customer.Id, "monthly-fee"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual((await TenantWorld.ReadAsync<InvoiceResponse>(first)).Id, (await TenantWorld.ReadAsync<InvoiceResponse>(again)).Id);
        Assert.Equal(2, await CountInvoicesAsync(world, world.RepA1, customer.Id));
    }

    [Fact]
    public async Task Forgetting_old_keys_keeps_the_younger_keys_of_other_users_and_removes_answer_parts_left_without_their_key()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customerA1 = await world.CreateCustomerAsync(world.RepA1);
        var customerA2 = await world.CreateCustomerAsync(world.RepA2, "Initech AG");
        Assert.Equal(HttpStatusCode.Created, (await world.RepA1.SendAsync(CreateInvoice(customerA1.Id, "old"))).StatusCode);
        host.Clock.Advance(TimeSpan.FromHours(23));
        var young = await world.RepA2.SendAsync(CreateInvoice(customerA2.Id, "young"));
        // A part whose key row is gone, as a pass stopped between two transactions leaves it.
        var tables = host.Services.GetRequiredService<BillingTables>();
        await tables.Billing.AddEntityAsync(new TableEntity(world.Tenant.TenantId, "idem|rep-a1|gone|claim|0000")
            { ["Data"] = new byte[] { 1, 2, 3 } });
        host.Clock.Advance(TimeSpan.FromHours(2));

        await Expiry.RunAsync(default);

        Assert.Empty(await KeyRowsAsync(world, "rep-a1"));
        Assert.True((await KeyRowsAsync(world, "rep-a2")).Count >= 2, "rep-a2's key and its answer");
        var replay = await world.RepA2.SendAsync(CreateInvoice(customerA2.Id, "young"));
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await young.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountInvoicesAsync(world, world.RepA2, customerA2.Id));
    }

    [Fact]
    public async Task A_key_past_its_day_runs_as_a_new_request_before_the_hourly_pass_has_removed_it()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var first = await world.RepA1.SendAsync(CreateInvoice(customer.Id, "before-the-pass"));
        host.Clock.Advance(IdempotencyKeyExpiry.KeptFor + TimeSpan.FromMinutes(1));

        var again = await world.RepA1.SendAsync(CreateInvoice(customer.Id, "before-the-pass"));
        var replay = await world.RepA1.SendAsync(CreateInvoice(customer.Id, "before-the-pass"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, again.StatusCode));
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual((await TenantWorld.ReadAsync<InvoiceResponse>(first)).Id, (await TenantWorld.ReadAsync<InvoiceResponse>(again)).Id);
        // The new run's answer is kept, for a day from now.
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await again.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(2, await CountInvoicesAsync(world, world.RepA1, customer.Id));
    }
}
