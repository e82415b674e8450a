using System.Net.Http.Json;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tests.Api;

namespace BillingFunctions.App.Tests.Invoices;

/// <summary>Filtering by status, labels, customer and owner; sorting by due date and amount; paging with tokens.</summary>
public sealed class InvoiceListTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static async Task<InvoiceResponse> CreateAsync(TenantWorld world, HttpClient client, string customerId, long amount, int daysUntilDue,
        params string[] labels) =>
        await TenantWorld.ReadAsync<InvoiceResponse>(await client.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(
            customerId, null, null, null, null, daysUntilDue, [new InvoiceLineRequest("Work", 1, amount, null)], labels), ApiHost.JsonOptions));

    private static async Task<string[]> IdsAsync(HttpClient client, string query) =>
        (await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await client.GetAsync("/api/v1/invoices?" + query))).Items.Select(i => i.Id).ToArray();

    [Fact]
    public async Task Labels_combine_as_and_and_mix_with_customer_and_status_filters()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var globex = await world.CreateCustomerAsync(world.RepA1, "Globex");
        var initech = await world.CreateCustomerAsync(world.RepA1, "Initech");
        var both = await CreateAsync(world, world.RepA1, globex.Id, 100, 10, "urgent", "q4");
        var urgentOnly = await CreateAsync(world, world.RepA1, initech.Id, 200, 10, "urgent");
        var q4Only = await CreateAsync(world, world.RepA1, globex.Id, 300, 10, "q4");
        await world.RepA1.PostAsJsonAsync($"/api/v1/invoices/{q4Only.Id}/hold", new HoldRequest("disputed"), ApiHost.JsonOptions);

        Assert.Equal(new[] { both.Id, urgentOnly.Id }.Order(), (await IdsAsync(world.RepA1, "label=urgent")).Order());
        Assert.Equal([both.Id], await IdsAsync(world.RepA1, "label=urgent&label=q4"));
        Assert.Equal([both.Id], await IdsAsync(world.RepA1, $"label=q4&customerId={globex.Id}&status=draft"));
        Assert.Equal([q4Only.Id], await IdsAsync(world.ManagerA, "status=on_hold"));
        Assert.Empty(await IdsAsync(world.RepA1, $"label=urgent&customerId={globex.Id}&status=on_hold"));
    }

    [Fact]
    public async Task Sorting_by_amount_puts_the_largest_first_and_by_due_date_the_earliest_first()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var small = await CreateAsync(world, world.RepA1, customer.Id, 1_000, 30);
        var large = await CreateAsync(world, world.RepA1, customer.Id, 900_000, 60);
        var middle = await CreateAsync(world, world.RepA1, customer.Id, 50_000, 5);
        foreach (var invoice in new[] { small, large, middle })
            await world.RepA1.PostAsync($"/api/v1/invoices/{invoice.Id}/finalize", null);

        Assert.Equal([large.Id, middle.Id, small.Id], await IdsAsync(world.Finance, "sort=amount"));
        Assert.Equal([middle.Id, small.Id, large.Id], await IdsAsync(world.Finance, "sort=dueDate&status=open"));
    }

    [Fact]
    public async Task Pages_follow_continuation_tokens_and_together_list_every_invoice_once()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var created = new List<string>();
        for (var i = 0; i < 7; i++) created.Add((await CreateAsync(world, world.RepA1, customer.Id, 100 + i, 10, "bulk")).Id);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await world.RepA1.GetAsync(
                "/api/v1/invoices?label=bulk&pageSize=3" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))));
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(i => i.Id));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.True(pages >= 3);
        Assert.Equal(created.Order(), seen.Order());
    }
}
