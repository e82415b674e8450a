using System.Text.Json;
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
    /// taken it in and waits again, or has finished; instances started meanwhile are told too.
    /// </summary>
    public static async Task SettleAsync(IServiceProvider app, string tenant, int seconds = 60)
    {
        var durable = app.GetRequiredService<DurableTaskClient>();
        var tick = app.GetRequiredService<TimeProvider>().GetUtcNow();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var told = new HashSet<string>();
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
                if (Status(instance)?.Tick >= tick) continue;
                unsettled.Add(instance.InstanceId);
                if (told.Add(instance.InstanceId))
                    await durable.RaiseEventAsync(instance.InstanceId, ProcessMessage.Name, new ProcessMessage(null, null, tick));
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
        var instance = await app.GetRequiredService<DurableTaskClient>()
            .GetInstanceAsync(ProcessInstances.HubId(tenant, instanceId), getInputsAndOutputs: true)
            ?? throw new InvalidOperationException($"No instance {instanceId} of tenant {tenant}.");
        var status = Status(instance);
        return new SettledInstance(instance.RuntimeStatus, status?.WakeAt,
            instance.IsCompleted ? instance.ReadOutputAs<string>()! : status!.State, instance.FailureDetails?.ErrorMessage);
    }

    private static ProcessStatus? Status(OrchestrationMetadata instance) => instance.SerializedCustomStatus is { Length: > 0 } json
        ? JsonSerializer.Deserialize<ProcessStatus>(json)
        : null;
}

internal sealed record SettledInstance(OrchestrationRuntimeStatus Status, DateTimeOffset? WakeAt, string State, string? Error)
{
    public bool Completed => Status == OrchestrationRuntimeStatus.Completed;
}
