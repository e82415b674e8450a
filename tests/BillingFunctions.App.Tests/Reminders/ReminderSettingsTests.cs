using System.Net;
using System.Net.Http.Json;
using BillingFunctions.App.Reminders;
using BillingFunctions.App.Tests.Api;

namespace BillingFunctions.App.Tests.Reminders;

/// <summary>GET/PUT /api/v1/settings/reminders through the real HTTP surface on Azurite.</summary>
public sealed class ReminderSettingsTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Path = "/api/v1/settings/reminders";

    private static async Task<ReminderSettingsResponse> GetAsync(HttpClient client) =>
        await TenantWorld.ReadAsync<ReminderSettingsResponse>(await client.GetAsync(Path));

    [Fact]
    public async Task A_tenant_that_never_set_a_schedule_reads_the_default_in_its_own_time_zone()
    {
        using var world = await TenantWorld.CreateAsync(host, "Acme", "America/New_York");

        var settings = await GetAsync(world.Finance);

        Assert.Equal([-3, 0, 3, 7, 14], settings.DaysFromDue);
        Assert.Equal(("09:00", "America/New_York", true), (settings.SendAt, settings.TimeZone, settings.IsDefault));
    }

    [Fact]
    public async Task Finance_and_admins_set_the_schedule_and_it_reads_back_sorted_with_who_set_it()
    {
        using var world = await TenantWorld.CreateAsync(host);

        var saved = await TenantWorld.ReadAsync<ReminderSettingsResponse>(await world.Finance.PutAsJsonAsync(Path,
            new { daysFromDue = new[] { 10, -5, 0 }, sendAt = "07:45" }));
        Assert.Equal([-5, 0, 10], saved.DaysFromDue);
        var read = await GetAsync(world.Admin);
        Assert.Equal([-5, 0, 10], read.DaysFromDue);
        Assert.Equal(("07:45", false, "finance"), (read.SendAt, read.IsDefault, read.UpdatedBy));

        (await world.Admin.PutAsJsonAsync(Path, new { daysFromDue = Array.Empty<int>(), sendAt = "09:00" })).EnsureSuccessStatusCode();
        Assert.Empty((await GetAsync(world.Finance)).DaysFromDue); // no days: reminders off
    }

    [Fact]
    public async Task Reps_and_managers_can_neither_read_nor_change_the_schedule()
    {
        using var world = await TenantWorld.CreateAsync(host);
        var body = new { daysFromDue = new[] { 1 }, sendAt = "09:00" };

        foreach (var client in new[] { world.RepA1, world.ManagerA })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync(Path, body)).StatusCode);
        }
        Assert.True((await GetAsync(world.Finance)).IsDefault);
    }

    public static TheoryData<string> InvalidBodies => new()
    {
        """{"daysFromDue":[3,3],"sendAt":"09:00"}""",
        """{"daysFromDue":[-61],"sendAt":"09:00"}""",
        """{"daysFromDue":[366],"sendAt":"09:00"}""",
        """{"daysFromDue":[1,2,3,4,5,6,7,8,9,10,11],"sendAt":"09:00"}""",
        """{"sendAt":"09:00"}""",
        """{"daysFromDue":[1],"sendAt":"9am"}""",
        """{"daysFromDue":[1],"sendAt":"25:00"}""",
        """{"daysFromDue":[1],"sendAt":"09:00:30"}""",
        """{"daysFromDue":[1]}""",
        """{"daysFromDue":["soon"],"sendAt":"09:00"}""",
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_schedule_is_refused_with_a_problem_and_changes_nothing(string body)
    {
        using var world = await TenantWorld.CreateAsync(host);

        var response = await world.Finance.PutAsync(Path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await GetAsync(world.Finance)).IsDefault);
    }
}
