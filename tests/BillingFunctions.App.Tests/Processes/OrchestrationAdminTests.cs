using System.Net;
using System.Text.Json;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Renewals;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>An operator's hold on orchestrations through the admin API: list, history, suspend, resume, terminate, restart.</summary>
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
        await AssertJanuaryHistoryAsync(admin, path, renewal.InstanceId);

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

    /// <summary>
    /// January's renewal as its history tells it: started, waiting on a timer for its period, held and let go by the
    /// operator, then each effect an activity of renewal-effect answered by its outcome, and finished.
    /// </summary>
    private static async Task AssertJanuaryHistoryAsync(HttpClient admin, string path, string instanceId)
    {
        var shown = JsonDocument.Parse(await admin.GetStringAsync(path + "/history")).RootElement;
        Assert.Equal(instanceId, shown.GetProperty("instanceId").GetString());
        var events = shown.GetProperty("events").EnumerateArray().ToList();
        string? Text(JsonElement e, string name) => e.GetProperty(name).GetString();

        Assert.Equal("ExecutionStarted", Text(events[0], "event"));
        Assert.Equal("renewal", Text(events[0], "name"));
        var timer = events.First(e => Text(e, "event") == "TimerCreated");
        Assert.True(timer.GetProperty("fireAt").GetDateTimeOffset() > events[0].GetProperty("at").GetDateTimeOffset());
        Assert.Equal(["ExecutionSuspended", "ExecutionResumed"],
            events.Select(e => Text(e, "event")).Where(e => e is "ExecutionSuspended" or "ExecutionResumed"));
        Assert.All(events.Where(e => Text(e, "event") == "ExecutionSuspended"), e => Assert.Equal("operator", Text(e, "reason")));

        var effects = events.Where(e => Text(e, "event") == "TaskScheduled").ToList();
        Assert.All(effects, e => Assert.Equal("renewal-effect", Text(e, "name")));
        var kinds = effects.Select(e => Text(e, "effect")!.Split(' ')[0]).ToList();
        Assert.Equal(["claim_period", "create_invoice", "finalize_invoice"], kinds.Take(3));
        Assert.Equal("advance_period", kinds[^1]);
        Assert.All(effects, e => Assert.StartsWith($"{instanceId}:", Text(e, "effect")!.Split(' ')[1], StringComparison.Ordinal));
        var outcomes = events.Where(e => Text(e, "event") == "TaskCompleted").ToList();
        Assert.All(outcomes, e => Assert.Equal("renewal-effect", Text(e, "name")));
        Assert.Equal("period_claimed", Text(outcomes[0], "outcome"));
        Assert.Equal("period_advanced", Text(outcomes[^1], "outcome"));

        Assert.Equal("ExecutionCompleted", Text(events[^1], "event"));
        Assert.Equal("Completed", Text(events[^1], "outcome"));
        Assert.Equal(JsonValueKind.Null, events[^1].GetProperty("error").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(path.Replace(instanceId.Split(':')[^1], "nope") + "/history")).StatusCode);
    }

    private static async Task<List<string>> ListAsync(HttpClient admin, string query, string tenant = RenewalHarness.Tenant)
    {
        var page = JsonDocument.Parse(await admin.GetStringAsync($"/api/processes/{tenant}?{query}")).RootElement;
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!)];
    }

    private static async Task<string?> StatusAsync(HttpClient admin, string path) =>
        JsonDocument.Parse(await admin.GetStringAsync(path)).RootElement.GetProperty("runtimeStatus").GetString();
}
