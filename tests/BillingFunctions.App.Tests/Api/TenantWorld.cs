using System.Net.Http.Json;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tenancy;

namespace BillingFunctions.App.Tests.Api;

/// <summary>
/// A provisioned tenant with a small sales org: two reps and a manager in team A, a rep in team B, and finance.
/// Each person gets an HTTP client that acts for them with the tenant's key.
/// </summary>
public sealed class TenantWorld : IDisposable
{
    private TenantWorld(ApiHost host, ProvisionedTenant tenant)
    {
        Host = host;
        Tenant = tenant;
        Admin = host.As(tenant.ApiKey, tenant.AdminUserId);
        RepA1 = host.As(tenant.ApiKey, "rep-a1");
        RepA2 = host.As(tenant.ApiKey, "rep-a2");
        RepB = host.As(tenant.ApiKey, "rep-b");
        ManagerA = host.As(tenant.ApiKey, "manager-a");
        Finance = host.As(tenant.ApiKey, "finance");
    }

    public ApiHost Host { get; }
    public ProvisionedTenant Tenant { get; }
    public HttpClient Admin { get; }
    public HttpClient RepA1 { get; }
    public HttpClient RepA2 { get; }
    public HttpClient RepB { get; }
    public HttpClient ManagerA { get; }
    public HttpClient Finance { get; }

    public static async Task<TenantWorld> CreateAsync(ApiHost host, string name = "Acme", string timeZone = "Europe/Berlin", string currency = "eur")
    {
        var world = new TenantWorld(host, await host.ProvisionAsync(name, currency, timeZone));
        await world.PutUserAsync("rep-a1", "rep", "team-a");
        await world.PutUserAsync("rep-a2", "rep", "team-a");
        await world.PutUserAsync("rep-b", "rep", "team-b");
        await world.PutUserAsync("manager-a", "manager", "team-a");
        await world.PutUserAsync("finance", "finance", null);
        return world;
    }

    public async Task PutUserAsync(string id, string role, string? team)
    {
        var response = await Admin.PutAsJsonAsync($"/api/v1/users/{id}", new PutUserRequest(role, team, id), ApiHost.JsonOptions);
        response.EnsureSuccessStatusCode();
    }

    public async Task<CustomerResponse> CreateCustomerAsync(HttpClient client, string name = "Globex GmbH")
    {
        var response = await client.PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest(name, "billing@globex.example", null, null, null), ApiHost.JsonOptions);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CustomerResponse>(ApiHost.JsonOptions))!;
    }

    public async Task<InvoiceResponse> CreateInvoiceAsync(HttpClient client, string customerId, long unitAmount = 10_000, params string[] labels)
    {
        var response = await client.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(customerId, null, null, null, null, 14,
            [new InvoiceLineRequest("Consulting", 2, unitAmount, null)], labels), ApiHost.JsonOptions);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<InvoiceResponse>(ApiHost.JsonOptions))!;
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(ApiHost.JsonOptions))!;
    }

    public void Dispose()
    {
        foreach (var client in new[] { Admin, RepA1, RepA2, RepB, ManagerA, Finance }) client.Dispose();
    }
}
