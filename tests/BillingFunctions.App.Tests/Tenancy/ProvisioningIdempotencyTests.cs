using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Tenancy;

public sealed class ProvisioningIdempotencyTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static HttpRequestMessage Provision(ProvisionTenantRequest body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/platform/tenants")
        {
            Content = JsonContent.Create(body, options: ApiHost.JsonOptions),
        };
        request.Headers.Add(IdempotencyFilter.Header, key);
        return request;
    }

    private static ProvisionTenantRequest Request(string name) =>
        new(name, "eur", "Europe/Berlin", "sk_test_" + Guid.NewGuid().ToString("N"), null, StripeSignature.NewSecret(), "admin", "The Admin");

    private async Task<List<Tenant>> TenantsNamedAsync(string name)
    {
        var found = new List<Tenant>();
        await foreach (var tenant in host.Services.GetRequiredService<TenantDirectory>().ListAsync(CancellationToken.None))
            if (tenant.Name == name) found.Add(tenant);
        return found;
    }

    [Fact]
    public async Task Provisioning_twice_with_one_key_makes_one_tenant_with_one_admin_key_and_answers_the_same()
    {
        using var platform = host.Platform();
        var name = "Initech " + Guid.NewGuid().ToString("N")[..8];
        var body = Request(name);

        var first = await platform.SendAsync(Provision(body, "provision-initech"));
        var second = await platform.SendAsync(Provision(body, "provision-initech"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        var (a, b) = (await TenantWorld.ReadAsync<ProvisionedTenant>(first), await TenantWorld.ReadAsync<ProvisionedTenant>(second));
        Assert.Equal(a, b);
        Assert.Single(await TenantsNamedAsync(name));
        using var admin = host.As(a.ApiKey, a.AdminUserId);
        Assert.Single(await TenantWorld.ReadAsync<List<ApiKeyResponse>>(await admin.GetAsync("/api/v1/api-keys")));
    }

    [Fact]
    public async Task The_same_key_for_a_different_tenant_is_refused_with_422_and_provisions_nothing()
    {
        using var platform = host.Platform();
        var name = "Hooli " + Guid.NewGuid().ToString("N")[..8];
        await platform.SendAsync(Provision(Request(name), "provision-hooli"));

        var reused = await platform.SendAsync(Provision(Request(name + " Two"), "provision-hooli"));

        Assert.Equal((HttpStatusCode)422, reused.StatusCode);
        Assert.Contains("idempotency-key-reused", await reused.Content.ReadAsStringAsync());
        Assert.Empty(await TenantsNamedAsync(name + " Two"));
    }

    [Fact]
    public async Task The_kept_answer_does_not_hold_the_new_api_key_in_plain_text()
    {
        using var platform = host.Platform();
        var response = await platform.SendAsync(Provision(Request("Vandelay " + Guid.NewGuid().ToString("N")[..8]), "provision-vandelay"));
        var tenant = await TenantWorld.ReadAsync<ProvisionedTenant>(response);

        var tables = host.Services.GetRequiredService<BillingTables>();
        var kept = new List<TableEntity>();
        var platformRows = TableClient.CreateQueryFilter($"PartitionKey eq {BillingTables.PlatformPartition}");
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(platformRows)) kept.Add(row);
        var secret = Encoding.UTF8.GetBytes(tenant.ApiKey);
        Assert.Contains(kept, row => row.RowKey.StartsWith("idem|", StringComparison.Ordinal));
        Assert.DoesNotContain(kept, row => row.Select(p => p.Value).OfType<string>().Any(v => v.Contains(tenant.ApiKey))
            || row.Select(p => p.Value).OfType<byte[]>().Any(v => v.AsSpan().IndexOf(secret) >= 0)
            || row.Select(p => p.Value).OfType<BinaryData>().Any(v => v.ToMemory().Span.IndexOf(secret) >= 0));
    }
}
