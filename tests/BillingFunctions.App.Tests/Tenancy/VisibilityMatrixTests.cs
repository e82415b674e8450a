using System.Net;
using System.Net.Http.Json;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Dashboards;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tests.Api;

namespace BillingFunctions.App.Tests.Tenancy;

/// <summary>
/// Every read and write endpoint on one rep's customer and invoice, called by each kind of colleague and by
/// another tenant: the owner, their manager and finance get through; another rep (same team or not) and the
/// other tenant get 404, as if the records did not exist, and change nothing.
/// </summary>
public sealed class VisibilityMatrixTests(ApiHost host) : IClassFixture<ApiHost>
{
    private sealed record Probe(string Name, Func<HttpClient, string, Task<HttpResponseMessage>> Call);

    private static Probe[] IdProbes(CustomerResponse customer, InvoiceResponse invoice) =>
    [
        new("GET customer", (c, _) => c.GetAsync($"/api/v1/customers/{customer.Id}")),
        new("GET customer audit", (c, _) => c.GetAsync($"/api/v1/customers/{customer.Id}/audit")),
        new("GET invoice", (c, _) => c.GetAsync($"/api/v1/invoices/{invoice.Id}")),
        new("GET invoice timeline", (c, _) => c.GetAsync($"/api/v1/invoices/{invoice.Id}/timeline")),
        new("GET rep dashboard of the owner", (c, _) => c.GetAsync($"/api/v1/dashboards/rep?userId=rep-a1")),
        new("PUT customer", (c, who) => c.PutAsJsonAsync($"/api/v1/customers/{customer.Id}",
            new UpdateCustomerRequest($"Globex ({who})", null, null, null), ApiHost.JsonOptions)),
        new("POST invoice label", (c, who) => c.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/labels",
            new LabelRequest("seen-by-" + who), ApiHost.JsonOptions)),
        new("POST invoice line", (c, who) => c.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/lines",
            new InvoiceLineRequest("Extra for " + who, 1, 100, null), ApiHost.JsonOptions)),
        new("POST invoice hold", (c, _) => c.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/hold",
            new HoldRequest("checking"), ApiHost.JsonOptions)),
        new("POST invoice release", (c, _) => c.PostAsync($"/api/v1/invoices/{invoice.Id}/release", null)),
        new("DELETE invoice label", (c, _) => c.DeleteAsync($"/api/v1/invoices/{invoice.Id}/labels/urgent")),
        new("POST invoice void", (c, _) => c.PostAsync($"/api/v1/invoices/{invoice.Id}/void", null)),
    ];

    [Fact]
    public async Task Reps_of_either_team_and_other_tenants_get_404_where_owner_manager_and_finance_get_through()
    {
        using var world = await TenantWorld.CreateAsync(host, "Acme");
        using var other = await TenantWorld.CreateAsync(host, "Initech");
        var customer = await world.CreateCustomerAsync(world.RepA1);
        var invoice = await world.CreateInvoiceAsync(world.RepA1, customer.Id, 10_000, "urgent");
        // User ids are per tenant: the other tenant's own rep-a1 is someone else, so take them out of the picture.
        Assert.Equal(HttpStatusCode.NoContent, (await other.Admin.DeleteAsync("/api/v1/users/rep-a1")).StatusCode);

        var denied = new (string Who, HttpClient Client)[] { ("rep-a2", world.RepA2), ("rep-b", world.RepB), ("other-tenant-admin", other.Admin),
            ("other-tenant-finance", other.Finance) };
        foreach (var probe in IdProbes(customer, invoice))
            foreach (var (who, client) in denied)
            {
                var response = await probe.Call(client, who);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{probe.Name} as {who}: {(int)response.StatusCode}");
            }

        var unchanged = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.GetAsync($"/api/v1/invoices/{invoice.Id}"));
        Assert.Equal(["urgent"], unchanged.Labels);
        Assert.Single(unchanged.Lines);
        Assert.Equal("Globex GmbH",
            (await TenantWorld.ReadAsync<CustomerResponse>(await world.RepA1.GetAsync($"/api/v1/customers/{customer.Id}"))).Name);

        var allowed = new (string Who, HttpClient Client)[] { ("rep-a1", world.RepA1), ("manager-a", world.ManagerA), ("finance", world.Finance) };
        foreach (var (who, client) in allowed)
            foreach (var probe in IdProbes(customer, invoice).Where(p => !p.Name.Contains("void") && !p.Name.StartsWith("DELETE")))
            {
                var response = await probe.Call(client, who);
                Assert.True(response.IsSuccessStatusCode,
                    $"{probe.Name} as {who}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

        var changed = await TenantWorld.ReadAsync<InvoiceResponse>(await world.Finance.GetAsync($"/api/v1/invoices/{invoice.Id}"));
        Assert.Equal(["seen-by-finance", "seen-by-manager-a", "seen-by-rep-a1", "urgent"], changed.Labels);
        Assert.Equal(4, changed.Lines.Count);
    }

    [Fact]
    public async Task Lists_show_each_person_exactly_what_they_may_see_and_nothing_of_another_tenant()
    {
        using var world = await TenantWorld.CreateAsync(host, "Acme");
        using var other = await TenantWorld.CreateAsync(host, "Initech");
        var a1 = await world.CreateInvoiceAsync(world.RepA1, (await world.CreateCustomerAsync(world.RepA1, "A1 Client")).Id);
        var a2 = await world.CreateInvoiceAsync(world.RepA2, (await world.CreateCustomerAsync(world.RepA2, "A2 Client")).Id);
        var b = await world.CreateInvoiceAsync(world.RepB, (await world.CreateCustomerAsync(world.RepB, "B Client")).Id);

        async Task<string[]> InvoicesSeenBy(HttpClient client) =>
            (await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await client.GetAsync("/api/v1/invoices?pageSize=200"))).Items.Select(i => i.Id)
                .Order().ToArray();
        async Task<string[]> CustomersSeenBy(HttpClient client) =>
            (await TenantWorld.ReadAsync<Page<CustomerResponse>>(await client.GetAsync("/api/v1/customers"))).Items.Select(c =>
                c.Name).Order().ToArray();

        Assert.Equal([a1.Id], await InvoicesSeenBy(world.RepA1));
        Assert.Equal([b.Id], await InvoicesSeenBy(world.RepB));
        Assert.Equal(new[] { a1.Id, a2.Id }.Order(), await InvoicesSeenBy(world.ManagerA));
        Assert.Equal(new[] { a1.Id, a2.Id, b.Id }.Order(), await InvoicesSeenBy(world.Finance));
        Assert.Empty(await InvoicesSeenBy(other.Finance));

        Assert.Equal(["a1 client"], (await CustomersSeenBy(world.RepA1)).Select(n => n.ToLowerInvariant()));
        Assert.Equal(["A1 Client", "A2 Client"], await CustomersSeenBy(world.ManagerA));
        Assert.Empty(await CustomersSeenBy(other.Admin));

        // Filtering by someone else's customer or owner does not widen a rep's view.
        var filtered = await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await world.RepA1.GetAsync($"/api/v1/invoices?ownerId=rep-b"));
        Assert.Empty(filtered.Items);
        var tenantTotals = await TenantWorld.ReadAsync<TenantDashboard>(await other.Finance.GetAsync("/api/v1/dashboards/tenant"));
        Assert.Empty(tenantTotals.Totals);
    }

    [Fact]
    public async Task Reps_cannot_read_the_tenant_dashboard_or_the_tenant_audit_trail()
    {
        using var world = await TenantWorld.CreateAsync(host);
        foreach (var path in new[] { "/api/v1/dashboards/tenant", "/api/v1/dashboards/labels", "/api/v1/audit" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await world.RepA1.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await world.ManagerA.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await world.Finance.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await world.RepA1.GetAsync("/api/v1/dashboards/team?teamId=team-a")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.ManagerA.GetAsync("/api/v1/dashboards/team?teamId=team-b")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.ManagerA.GetAsync("/api/v1/dashboards/team")).StatusCode);
    }
}
