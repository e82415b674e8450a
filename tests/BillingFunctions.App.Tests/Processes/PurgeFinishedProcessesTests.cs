using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Renewals;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>The task hub keeps what runs and lets go of what ended: the purge timer against a real hub in Azurite.</summary>
public class PurgeFinishedProcessesTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_purge_removes_an_ended_renewal_with_its_history_and_keeps_the_one_still_waiting()
    {
        await using var harness = await RenewalHarness.CreateAsync(emulator.BaseUrl, await RenewalHarness.NewStorageAsync(),
            new FakeTimeProvider(Jan1.AddHours(1)));
        var customer = await harness.CustomerWithCardAsync();
        var january = await harness.StartAsync(RenewalHarness.MonthlySubscription("sub_purge", Jan1), customer);
        await harness.RunUntilQuietAsync();
        var januaryOnHub = ProcessInstances.HubId(RenewalHarness.Tenant, january.InstanceId);
        var february = ProcessInstances.HubId(RenewalHarness.Tenant, RenewalState.InstanceIdFor(new("sub_purge"), Jan1.AddMonths(1)));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await harness.Durable.GetInstanceAsync(januaryOnHub))!.RuntimeStatus);
        Assert.NotEmpty(await harness.Durable.GetOrchestrationHistoryAsync(januaryOnHub));

        await harness.InvokeAsync("purge-finished-processes"); // Processes:KeepFinishedDays is 0 in the harness

        Assert.Null(await harness.Durable.GetInstanceAsync(januaryOnHub));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await harness.Durable.GetInstanceAsync(february))!.RuntimeStatus);
        // What the purge removed was the hub's record, not the renewal's work: January's invoice stays paid.
        Assert.Equal("paid", Assert.Single(await harness.InvoicesAsync(customer)).Status);
    }
}
