using BillingFunctions.App.Processes;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Tests.Testing;

/// <summary>
/// A tenant's process instances on the app's task hub, as a test sees them: moved along after the test moved the
/// app's clock, and read back with their state.
/// </summary>
internal static class DurableProcesses
{
    /// <summary>
    /// Tells the tenant's running instances the app's time (as the dev clock does after a jump) and waits until each has
    /// taken it in and waits again, or has finished; instances started meanwhile are told too. The deadline is generous:
    /// it only ends a wait that would never end, and a loaded machine (the whole suite, two hosts on one hub) is slow.
    /// </summary>
    public static async Task SettleAsync(IServiceProvider app, string tenant, int seconds = 180)
    {
        var durable = app.GetRequiredService<DurableTaskClient>();
        var tick = ProcessInstances.Tick(app.GetRequiredService<TimeProvider>().GetUtcNow());
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        // When each was last told: a tick that reaches an instance before its first episode is dropped, so tell again.
        var told = new Dictionary<string, DateTime>();
        while (true)
        {
            var unsettled = new List<string>();
            var query = new OrchestrationQuery
            {
                InstanceIdPrefix = ProcessInstances.HubId(tenant, ""), FetchInputsAndOutputs = true,
                Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending],
            };
            await foreach (var instance in durable.GetAllInstancesAsync(query))
            {
                if (ProcessInstances.StatusOf(instance)?.Tick == tick.EventId) continue;
                unsettled.Add(instance.InstanceId);
                if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Running
                    && (!told.TryGetValue(instance.InstanceId, out var last) || DateTime.UtcNow - last > TimeSpan.FromSeconds(2)))
                {
                    told[instance.InstanceId] = DateTime.UtcNow;
                    await durable.RaiseEventAsync(instance.InstanceId, ProcessMessage.Name, tick);
                }
            }
            if (unsettled.Count == 0) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Process instances never settled: {string.Join(", ", unsettled)}");
            await Task.Delay(100);
        }
    }

    /// <summary>An instance after settling: whether it finished, when it wakes next (the app's clock) and its state as written.</summary>
    public static async Task<SettledInstance> InstanceAsync(IServiceProvider app, string tenant, string instanceId)
    {
        await SettleAsync(app, tenant);
        return await ReadAsync(app, tenant, instanceId) ?? throw new InvalidOperationException($"No instance {instanceId} of tenant {tenant}.");
    }

    /// <summary>An instance as it is now, or null if there is none (yet).</summary>
    public static async Task<SettledInstance?> ReadAsync(IServiceProvider app, string tenant, string instanceId)
    {
        var instance = await app.GetRequiredService<DurableTaskClient>()
            .GetInstanceAsync(ProcessInstances.HubId(tenant, instanceId), getInputsAndOutputs: true);
        if (instance is null) return null;
        if (ProcessInstances.StateOf(instance) is not { } state) return null; // Not yet run: no state to show.
        return new SettledInstance(instance.RuntimeStatus, ProcessInstances.StatusOf(instance)?.WakeAt, state,
            ProcessInstances.ErrorOf(instance));
    }

    /// <summary>How many instances on the hub have an id starting with <paramref name="prefix"/>, in any state.</summary>
    public static async Task<int> CountAsync(DurableTaskClient durable, string prefix)
    {
        var count = 0;
        await foreach (var _ in durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix })) count++;
        return count;
    }
}

internal sealed record SettledInstance(OrchestrationRuntimeStatus Status, DateTimeOffset? WakeAt, string State, string? Error)
{
    public bool Completed => Status == OrchestrationRuntimeStatus.Completed;
}
