using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingFunctions.App.Http;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;

namespace BillingFunctions.App.Tests.Tenancy;

/// <summary>A tenant always keeps an admin: nobody can demote or remove the last one, not even two admins racing each other.</summary>
public sealed class LastAdminTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_only_admin_cannot_demote_themselves_and_keeps_managing_users()
    {
        var tenant = await host.ProvisionAsync();
        using var admin = host.As(tenant.ApiKey, tenant.AdminUserId);

        var response = await admin.PutAsJsonAsync($"/api/v1/users/{tenant.AdminUserId}",
            new PutUserRequest("rep", "team-a", "The Admin"), ApiHost.JsonOptions);

        await AssertLastAdminAsync(response);
        Assert.Equal("admin", (await TenantWorld.ReadAsync<MeResponse>(await admin.GetAsync("/api/v1/me"))).Role);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task An_admin_may_step_down_while_another_admin_remains()
    {
        var tenant = await host.ProvisionAsync();
        using var admin = host.As(tenant.ApiKey, tenant.AdminUserId);
        await PutAsync(admin, "second-admin", "admin");

        var response = await admin.PutAsJsonAsync($"/api/v1/users/{tenant.AdminUserId}",
            new PutUserRequest("finance", null, "The Admin"), ApiHost.JsonOptions);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["second-admin"], await AdminsAsync(tenant));
    }

    [Fact]
    public async Task Two_admins_demoting_or_removing_each_other_at_once_leave_one_admin()
    {
        var tenant = await host.ProvisionAsync();
        using var first = host.As(tenant.ApiKey, tenant.AdminUserId);
        using var second = host.As(tenant.ApiKey, "second-admin");
        for (var round = 0; round < 8; round++)
        {
            await PutAsync(first, "second-admin", "admin");
            if (!(await AdminsAsync(tenant)).Contains(tenant.AdminUserId)) await PutAsync(second, tenant.AdminUserId, "admin");
            Assert.Equal(2, (await AdminsAsync(tenant)).Count);

            // Half the rounds demote, half remove: the removal path must keep an admin as well.
            var firstMove = round % 2 == 0
                ? first.DeleteAsync("/api/v1/users/second-admin")
                : first.PutAsJsonAsync("/api/v1/users/second-admin", new PutUserRequest("finance", null, null), ApiHost.JsonOptions);
            var secondMove = second.PutAsJsonAsync($"/api/v1/users/{tenant.AdminUserId}",
                new PutUserRequest("finance", null, null), ApiHost.JsonOptions);
            var answers = await Task.WhenAll(firstMove, secondMove);

            Assert.Single(await AdminsAsync(tenant));
            Assert.Single(answers, a => a.IsSuccessStatusCode);
            Assert.All(answers.Where(a => !a.IsSuccessStatusCode), a => Assert.Contains(a.StatusCode,
                new[] { HttpStatusCode.Conflict, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized }));
            var survivor = (await AdminsAsync(tenant)).Single();
            if (survivor == "second-admin")
                (await second.PutAsJsonAsync($"/api/v1/users/{tenant.AdminUserId}", new PutUserRequest("admin", null, null), ApiHost.JsonOptions))
                    .EnsureSuccessStatusCode();
        }
    }

    private async Task<List<string>> AdminsAsync(ProvisionedTenant tenant)
    {
        // Read with whichever admin still is one.
        foreach (var id in new[] { tenant.AdminUserId, "second-admin" })
        {
            using var client = host.As(tenant.ApiKey, id);
            var response = await client.GetAsync("/api/v1/users");
            if (response.IsSuccessStatusCode)
                return (await response.Content.ReadFromJsonAsync<List<UserResponse>>(ApiHost.JsonOptions))!.Where(u => u.Role == "admin")
                    .Select(u => u.Id).Order().ToList();
        }
        return [];
    }

    private static async Task PutAsync(HttpClient admin, string id, string role) =>
        (await admin.PutAsJsonAsync($"/api/v1/users/{id}", new PutUserRequest(role, null, id), ApiHost.JsonOptions)).EnsureSuccessStatusCode();

    private static async Task AssertLastAdminAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(Problems.TypeBase + "last-admin", problem["type"]!.GetValue<string>());
    }
}
