using System.Net;
using System.Text.Json;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Renewals;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>An operator's hold on orchestrations through the admin API: list, suspend, resume, terminate, restart.</summary>
public class OrchestrationAdminTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_suspended_renewal_bills_nothing_until_resumed_and_a_terminated_one_restarts_under_its_id()
    {
        var clock = new FakeTimeProvider(Jan1.AddDays(-1));
        await using var harness = await RenewalHarness.CreateAsync(emulator.BaseUrl, await RenewalHarness.NewStorageAsync(), clock);
        using var admin = harness.Http();
        var customer = await harness.CustomerWithCardAsync();
        var renewal = await harness.StartAsync(RenewalHarness.MonthlySubscription("sub_admin", Jan1), customer);
        await harness.RunUntilQuietAsync();
        var path = $"/api/processes/{RenewalHarness.Tenant}/{Uri.EscapeDataString(renewal.InstanceId)}";

        Assert.Equal([renewal.InstanceId], await ListAsync(admin, "kind=renewal&status=running"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(path + "/suspend", null)).StatusCode);
        await Eventually.TrueAsync(async () => await StatusAsync(admin, path) == "Suspended", "the instance is suspended");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync(path + "/suspend", null)).StatusCode);
        Assert.Equal([renewal.InstanceId], await ListAsync(admin, "kind=renewal&status=Suspended"));

        clock.Advance(TimeSpan.FromDays(2)); // its period has begun, but it is held
        await harness.RunUntilQuietAsync();
        Assert.Empty(await harness.InvoicesAsync(customer));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(path + "/resume", null)).StatusCode);
        await Eventually.TrueAsync(async () => await StatusAsync(admin, path) != "Suspended", "the instance runs again");
        await harness.RunUntilQuietAsync();
        Assert.Equal("paid", Assert.Single(await harness.InvoicesAsync(customer)).Status);

        // February's renewal waits for its period: terminated, it is gone from the running ones; restarted, it waits again.
        var february = RenewalState.InstanceIdFor(new("sub_admin"), Jan1.AddMonths(1));
        var next = $"/api/processes/{RenewalHarness.Tenant}/{Uri.EscapeDataString(february)}";
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(next + "/terminate", null)).StatusCode);
        await Eventually.TrueAsync(async () => await StatusAsync(admin, next) == "Terminated", "February's renewal is terminated");
        Assert.DoesNotContain(february, await ListAsync(admin, "kind=renewal&status=Running"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(next + "/restart", null)).StatusCode);
        await Eventually.TrueAsync(async () => await StatusAsync(admin, next) == "Running", "February's renewal runs again");
        Assert.Equal(Jan1.AddMonths(1), (await harness.InstanceAsync(february)).WakeAt);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/processes/{RenewalHarness.Tenant}?status=sleeping")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/processes/{RenewalHarness.Tenant}/renewal:nope/suspend", null))
            .StatusCode);
        Assert.Empty(await ListAsync(admin, "kind=renewal", tenant: "tenant-b")); // another tenant's prefix sees none of these
    }

    private static async Task<List<string>> ListAsync(HttpClient admin, string query, string tenant = RenewalHarness.Tenant)
    {
        var page = JsonDocument.Parse(await admin.GetStringAsync($"/api/processes/{tenant}?{query}")).RootElement;
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!)];
    }

    private static async Task<string?> StatusAsync(HttpClient admin, string path) =>
        JsonDocument.Parse(await admin.GetStringAsync(path)).RootElement.GetProperty("runtimeStatus").GetString();
}
