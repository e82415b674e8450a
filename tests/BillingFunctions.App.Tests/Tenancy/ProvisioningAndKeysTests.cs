using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using BillingFunctions.App.Http;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Tenancy;

public sealed class ProvisioningAndKeysTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Provisioning_without_the_platform_key_is_refused_with_a_problem()
    {
        using var anonymous = host.NewClient();
        var response = await anonymous.PostAsJsonAsync("/api/v1/platform/tenants",
            new ProvisionTenantRequest("X", "eur", "UTC", "sk_test_" + Guid.NewGuid().ToString("N"), null, null, "admin", null), ApiHost.JsonOptions);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Problems.TypeBase + "unauthenticated", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_first_key_acts_for_the_tenant_admin_and_is_stored_only_as_a_hash()
    {
        var tenant = await host.ProvisionAsync();
        using var admin = host.As(tenant.ApiKey, tenant.AdminUserId);
        var me = await TenantWorld.ReadAsync<MeResponse>(await admin.GetAsync("/api/v1/me"));
        Assert.Equal(new MeResponse(tenant.TenantId, "admin", "admin", null), me);

        var tables = host.Services.GetRequiredService<BillingTables>();
        var everything = new List<TableEntity>();
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>()) everything.Add(row);
        await foreach (var row in tables.ApiKeys.QueryAsync<TableEntity>()) everything.Add(row);
        Assert.DoesNotContain(everything, row => row.Select(p => p.Value).OfType<string>()
            .Any(v => v.Contains(tenant.ApiKey)) || row.PartitionKey.Contains(tenant.ApiKey));
        Assert.Contains(everything, row => row.PartitionKey == ApiKeyStore.Hash(tenant.ApiKey));
    }

    [Fact]
    public async Task A_rotated_key_works_and_the_revoked_one_stops_working()
    {
        var tenant = await host.ProvisionAsync();
        using var admin = host.As(tenant.ApiKey, tenant.AdminUserId);
        var fresh = await TenantWorld.ReadAsync<ApiKeyCreated>(await admin.PostAsync("/api/v1/api-keys", null));
        using var freshAdmin = host.As(fresh.ApiKey, tenant.AdminUserId);

        Assert.Equal(HttpStatusCode.NoContent, (await freshAdmin.DeleteAsync($"/api/v1/api-keys/{tenant.ApiKeyId}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await freshAdmin.GetAsync("/api/v1/me")).StatusCode);
        var keys = await TenantWorld.ReadAsync<List<ApiKeyResponse>>(await freshAdmin.GetAsync("/api/v1/api-keys"));
        Assert.NotNull(keys.Single(k => k.KeyId == tenant.ApiKeyId).RevokedAt);
    }

    [Fact]
    public async Task Role_and_team_come_from_the_directory_and_an_unknown_acting_user_is_unauthenticated()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var me = await TenantWorld.ReadAsync<MeResponse>(await world.ManagerA.GetAsync("/api/v1/me"));
        Assert.Equal(("manager", "team-a"), (me.Role, me.TeamId));

        using var stranger = host.As(world.Tenant.ApiKey, "nobody");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Only_admins_manage_users_and_keys()
    {
        using var world = await TenantWorld.CreateAsync(host);
        foreach (var client in new[] { world.RepA1, world.ManagerA, world.Finance })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync("/api/v1/users/rep-a1", new PutUserRequest("admin", null, null),
                ApiHost.JsonOptions)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/api-keys", null)).StatusCode);
        }
        var me = await TenantWorld.ReadAsync<MeResponse>(await world.RepA1.GetAsync("/api/v1/me"));
        Assert.Equal("rep", me.Role);
    }

    [Fact]
    public async Task A_Connect_tenant_is_refused_with_a_409_problem_while_the_platform_has_no_key_to_act_for_it()
    {
        var name = "Connected " + Guid.NewGuid().ToString("N");
        using var platform = host.Platform();

        var response = await platform.PostAsJsonAsync("/api/v1/platform/tenants",
            new ProvisionTenantRequest(name, "eur", "UTC", null, "acct_1Nv0FGQ9RKHgCVdK", StripeSignature.NewSecret(), "admin",
                null), ApiHost.JsonOptions);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Problems.TypeBase + "connect-not-configured", await response.Content.ReadAsStringAsync());
        await foreach (var tenant in host.Services.GetRequiredService<TenantDirectory>().ListAsync(CancellationToken.None))
            Assert.NotEqual(name, tenant.Name);
    }
}
