using System.Net;
using System.Net.Http.Json;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;

namespace BillingFunctions.App.Tests.Dunning;

/// <summary>GET/PUT /api/v1/settings/dunning: finance and admins set the tenant's retry schedule and final step.</summary>
public sealed class DunningSettingsTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_tenant_without_a_policy_gets_the_default_four_retries_over_two_weeks_that_pause()
    {
        using var world = await TenantWorld.CreateAsync(host);

        var settings = await world.Finance.GetFromJsonAsync<DunningSettingsResponse>("/api/v1/settings/dunning", ApiHost.JsonOptions);

        Assert.Equal([1, 2, 4, 7], settings!.RetryDelayDays);
        Assert.True(settings.MarkUncollectible);
        Assert.Equal("pause", settings.Subscription);
        Assert.True(settings.IsDefault);
    }

    [Fact]
    public async Task Finance_sets_the_policy_and_reads_it_back_and_other_tenants_keep_theirs()
    {
        using var world = await TenantWorld.CreateAsync(host);
        using var other = await TenantWorld.CreateAsync(host, "Other");

        var put = await TenantWorld.ReadAsync<DunningSettingsResponse>(await world.Finance.PutAsJsonAsync("/api/v1/settings/dunning",
            new DunningSettingsRequest([3, 5], false, "cancel"), ApiHost.JsonOptions));
        var read = await world.Admin.GetFromJsonAsync<DunningSettingsResponse>("/api/v1/settings/dunning", ApiHost.JsonOptions);

        Assert.Equal([3, 5], put.RetryDelayDays);
        Assert.Equal([3, 5], read!.RetryDelayDays);
        Assert.Equal((false, "cancel", false, "finance"), (read.MarkUncollectible, read.Subscription, read.IsDefault, read.UpdatedBy));
        Assert.True((await other.Finance.GetFromJsonAsync<DunningSettingsResponse>("/api/v1/settings/dunning", ApiHost.JsonOptions))!.IsDefault);
    }

    [Theory]
    [InlineData(null, "pause")]
    [InlineData(new[] { 0, 2 }, "pause")]
    [InlineData(new[] { 31 }, "pause")]
    [InlineData(new[] { 30, 30, 1 }, "pause")]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, "pause")]
    [InlineData(new[] { 1, 2 }, "delete")]
    [InlineData(new[] { 1, 2 }, null)]
    public async Task An_invalid_policy_is_refused_with_a_problem_and_nothing_is_written(int[]? days, string? subscription)
    {
        using var world = await TenantWorld.CreateAsync(host);

        using var response = await world.Finance.PutAsJsonAsync("/api/v1/settings/dunning",
            new DunningSettingsRequest(days, null, subscription), ApiHost.JsonOptions);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await world.Finance.GetFromJsonAsync<DunningSettingsResponse>("/api/v1/settings/dunning", ApiHost.JsonOptions))!.IsDefault);
    }

    [Fact]
    public async Task Reps_and_managers_can_neither_read_nor_change_the_policy()
    {
        using var world = await TenantWorld.CreateAsync(host);

        foreach (var client in new[] { world.RepA1, world.ManagerA })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/settings/dunning")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync("/api/v1/settings/dunning",
                new DunningSettingsRequest([1], true, "leave"), ApiHost.JsonOptions)).StatusCode);
        }
        Assert.True((await world.Finance.GetFromJsonAsync<DunningSettingsResponse>("/api/v1/settings/dunning", ApiHost.JsonOptions))!.IsDefault);
    }

    [Fact]
    public async Task A_user_email_is_kept_in_the_directory_and_a_malformed_one_is_refused()
    {
        using var world = await TenantWorld.CreateAsync(host);

        var ada = await TenantWorld.ReadAsync<UserResponse>(await world.Admin.PutAsJsonAsync("/api/v1/users/ada",
            new PutUserRequest("rep", "team-a", "Ada", "ada@acme.example"), ApiHost.JsonOptions));
        using var bad = await world.Admin.PutAsJsonAsync("/api/v1/users/bob",
            new PutUserRequest("rep", "team-a", "Bob", "bob at acme"), ApiHost.JsonOptions);
        var users = await world.Admin.GetFromJsonAsync<List<UserResponse>>("/api/v1/users", ApiHost.JsonOptions);

        Assert.Equal("ada@acme.example", ada.Email);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("ada@acme.example", users!.Single(u => u.Id == "ada").Email);
        Assert.DoesNotContain(users!, u => u.Id == "bob");
    }
}
