using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Processes;

/// <summary>
/// Starting, messaging and reading process instances on the task hub, through the durable client a function was
/// given. An instance's id on the hub is <c>{tenant}|{id}</c>: ids are the process's own (deterministic, so a second
/// start finds the first), and the tenant prefix keeps tenants' instances apart and lists one tenant's.
/// </summary>
public static class ProcessInstances
{
    public static string HubId(string tenant, string instanceId) => $"{tenant}|{instanceId}";

    /// <summary>
    /// Starts an instance that first wakes at <paramref name="wakeAt"/> (the app's clock); false, and nothing
    /// changes, when one with that id exists in any state: a finished instance is never run again by a late start.
    /// </summary>
    public static async Task<bool> StartAsync<TState, TEvent, TEffect>(DurableTaskClient durable, ProcessKind<TState, TEvent, TEffect> kind,
        string tenant, string instanceId, TState state, DateTimeOffset wakeAt, DateTimeOffset clockAt, CancellationToken cancellationToken)
        where TState : notnull where TEvent : notnull where TEffect : notnull
    {
        var id = HubId(tenant, instanceId);
        if (await durable.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null) return false;
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(kind.Name, new ProcessStart(tenant, kind.Write(state), wakeAt, clockAt, []),
                new StartOrchestrationOptions(InstanceId: id), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.AlreadyExists or StatusCode.FailedPrecondition)
        {
            return false; // Started by someone else between the look and the start.
        }
    }

    /// <summary>
    /// Sends a process event to a waiting instance, taken in once per <paramref name="eventId"/>; an instance that does
    /// not exist or has finished drops it.
    /// </summary>
    public static Task RaiseAsync<TState, TEvent, TEffect>(DurableTaskClient durable, ProcessKind<TState, TEvent, TEffect> kind, string tenant,
        string instanceId, string eventId, TEvent @event, DateTimeOffset clockAt, CancellationToken cancellationToken)
        where TState : notnull where TEvent : notnull where TEffect : notnull =>
        durable.RaiseEventAsync(HubId(tenant, instanceId), ProcessMessage.Name, new ProcessMessage(eventId, kind.Write(@event), clockAt),
            cancellationToken);

    /// <summary>A clock tick: the app's time, with an id of its own that the instance shows once it has taken the tick in.</summary>
    public static ProcessMessage Tick(DateTimeOffset clockAt) => new(Guid.NewGuid().ToString("N"), null, clockAt);

    /// <summary>
    /// After the app's clock jumped (time travel), tells every running instance (of <paramref name="tenant"/>, or all) the
    /// new time, so those whose moment has come wake now; returns how many were told.
    /// </summary>
    public static async Task<int> TickAsync(DurableTaskClient durable, DateTimeOffset clockAt, string? tenant, CancellationToken cancellationToken)
    {
        var told = 0;
        var tick = Tick(clockAt);
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = tenant is null ? null : HubId(tenant, ""),
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending],
        };
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await durable.RaiseEventAsync(instance.InstanceId, ProcessMessage.Name, tick, cancellationToken).ConfigureAwait(false);
            told++;
        }
        return told;
    }
}
