using System.Net;
using System.Net.Http.Json;
using ETag = Azure.ETag;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Api;

/// <summary>Retried requests whose answers are large, or were never recorded, still do their work once.</summary>
public sealed class IdempotentAnswerTests(AnswerLostHost host) : IClassFixture<AnswerLostHost>
{
    private static HttpRequestMessage Post(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: ApiHost.JsonOptions) };
        request.Headers.Add(IdempotencyFilter.Header, key);
        return request;
    }

    private static List<InvoiceLineRequest> Lines(int count) =>
        Enumerable.Range(1, count).Select(i => new InvoiceLineRequest($"Remote support hour {i:D3}", 1, 1_000 + i, 1_900)).ToList();

    private static async Task<int> CountInvoicesAsync(TenantWorld world, string customerId) =>
        (await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await world.RepA1.GetAsync($"/api/v1/invoices?customerId={customerId}"))).Items.Count;

    [Fact]
    public async Task A_created_invoice_with_250_lines_is_answered_and_its_retry_replays_the_answer_without_a_second_invoice()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var body = new CreateInvoiceRequest(customer.Id, null, null, null, null, 14, Lines(250), []);

        var first = await world.RepA1.SendAsync(Post("/api/v1/invoices", body, "big-invoice"));
        var second = await world.RepA1.SendAsync(Post("/api/v1/invoices", body, "big-invoice"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(250, (await TenantWorld.ReadAsync<InvoiceResponse>(second)).Lines.Count);
        Assert.Equal(1, await CountInvoicesAsync(world, customer.Id));
    }

    [Fact]
    public async Task A_line_added_to_a_draft_of_240_lines_is_added_once_when_the_request_is_retried()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var draft = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.PostAsJsonAsync("/api/v1/invoices",
            new CreateInvoiceRequest(customer.Id, null, null, null, null, 14, Lines(240), []), ApiHost.JsonOptions));
        var line = new InvoiceLineRequest("Travel", 1, 50_000, null);

        var first = await world.RepA1.SendAsync(Post($"/api/v1/invoices/{draft.Id}/lines", line, "add-travel"));
        var second = await world.RepA1.SendAsync(Post($"/api/v1/invoices/{draft.Id}/lines", line, "add-travel"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        var stored = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.GetAsync($"/api/v1/invoices/{draft.Id}"));
        Assert.Equal(241, stored.Lines.Count);
        Assert.Equal(draft.Total + 50_000, stored.Total);
    }

    [Fact]
    public async Task A_create_whose_answer_was_never_recorded_is_not_run_again_when_a_retry_takes_the_key_over()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var body = new CreateInvoiceRequest(customer.Id, null, null, null, null, 14, Lines(3), []);

        host.DieAfterWork = true;
        try
        {
            // Whatever the client saw, the invoice was written and nothing about the answer was.
            await world.RepA1.SendAsync(Post("/api/v1/invoices", body, "dies-after-create"));
        }
        finally
        {
            host.DieAfterWork = false;
        }
        Assert.Equal(1, await CountInvoicesAsync(world, customer.Id));
        host.Clock.Advance(IdempotencyFilter.Abandoned + TimeSpan.FromMinutes(1));

        var retry = await world.RepA1.SendAsync(Post("/api/v1/invoices", body, "dies-after-create"));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var invoice = await TenantWorld.ReadAsync<InvoiceResponse>(retry);
        Assert.Equal(3, invoice.Lines.Count);
        Assert.Equal($"/api/v1/invoices/{invoice.Id}", retry.Headers.Location?.OriginalString);
        Assert.Equal(1, await CountInvoicesAsync(world, customer.Id));
    }

    [Fact]
    public async Task A_line_whose_answer_was_never_recorded_is_not_added_again_when_a_retry_takes_the_key_over()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var draft = await world.CreateInvoiceAsync(world.RepA1, customer.Id);
        var line = new InvoiceLineRequest("Travel", 1, 50_000, null);

        host.DieAfterWork = true;
        try
        {
            await world.RepA1.SendAsync(Post($"/api/v1/invoices/{draft.Id}/lines", line, "dies-after-line"));
        }
        finally
        {
            host.DieAfterWork = false;
        }
        host.Clock.Advance(IdempotencyFilter.Abandoned + TimeSpan.FromMinutes(1));

        var retry = await world.RepA1.SendAsync(Post($"/api/v1/invoices/{draft.Id}/lines", line, "dies-after-line"));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var stored = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.GetAsync($"/api/v1/invoices/{draft.Id}"));
        Assert.Equal(2, stored.Lines.Count);
        Assert.Equal(draft.Total + 50_000, stored.Total);
        Assert.Equal(stored.Total, (await TenantWorld.ReadAsync<InvoiceResponse>(retry)).Total);
    }

    [Fact]
    public async Task A_slow_request_whose_key_a_retry_took_over_does_not_add_its_line_too()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var draft = await world.CreateInvoiceAsync(world.RepA1, customer.Id);
        var tables = host.Services.GetRequiredService<BillingTables>();
        var tenant = (await host.Services.GetRequiredService<TenantDirectory>()
            .GetAsync(new TenantId(world.Tenant.TenantId), CancellationToken.None))!;
        // The slow request claimed its key; then a retry, finding the lease run out, took the key over.
        const string RowKey = "idem|rep-a1|slow";
        var added = await tables.Billing.AddEntityAsync(new TableEntity(tenant.Id.Value, RowKey) { ["State"] = "running" });
        var claim = new IdempotencyClaim(tenant.Id.Value, RowKey, added.Headers.ETag!.Value);
        await tables.Billing.UpdateEntityAsync(new TableEntity(tenant.Id.Value, RowKey) { ["Claim"] = "the-retry" }, ETag.All);

        await Assert.ThrowsAsync<IdempotencyClaimLostException>(() => host.Services.GetRequiredService<InvoiceStore>()
            .ChangeAsync(tenant, new InvoiceId(draft.Id), invoice =>
        {
            var added = invoice.AddLine(new NewInvoiceLine("Travel", 1, 50_000, null));
            return added.IsSuccess ? new List<InvoiceChange> { added.Value } : added.Error!;
        }, "rep-a1", null, CancellationToken.None, claim));

        var stored = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.GetAsync($"/api/v1/invoices/{draft.Id}"));
        Assert.Equal((1, draft.Total), (stored.Lines.Count, stored.Total));
    }
}
