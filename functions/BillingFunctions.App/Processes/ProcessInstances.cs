using System.Text.Json;
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
    public static Task<bool> StartAsync<TState, TEvent, TEffect>(DurableTaskClient durable, ProcessKind<TState, TEvent, TEffect> kind,
        string tenant, string instanceId, TState state, DateTimeOffset wakeAt, DateTimeOffset clockAt, CancellationToken cancellationToken)
        where TState : notnull where TEvent : notnull where TEffect : notnull =>
        StartAsync(durable, kind.Name, new ProcessStart(tenant, kind.Write(state), wakeAt, clockAt, []), HubId(tenant, instanceId),
            cancellationToken);

    /// <summary>
    /// Starts an instance that takes <paramref name="event"/> in first, or, when one with that id exists, raises the event
    /// into it (taken in once per <paramref name="eventId"/>). The event travels in the start itself: an event raised
    /// at an instance whose start the task hub has not taken in yet can be dropped. True when this call started it.
    /// </summary>
    public static async Task<bool> StartWithAsync<TState, TEvent, TEffect>(DurableTaskClient durable, ProcessKind<TState, TEvent, TEffect> kind,
        string tenant, string instanceId, TState state, DateTimeOffset wakeAt, string eventId, TEvent @event, DateTimeOffset clockAt,
        CancellationToken cancellationToken)
        where TState : notnull where TEvent : notnull where TEffect : notnull
    {
        var first = new ProcessMessage(eventId, kind.Write(@event), clockAt);
        if (await StartAsync(durable, kind.Name, new ProcessStart(tenant, kind.Write(state), wakeAt, clockAt, [], first), HubId(tenant, instanceId),
                cancellationToken).ConfigureAwait(false))
            return true;
        await durable.RaiseEventAsync(HubId(tenant, instanceId), ProcessMessage.Name, first, cancellationToken).ConfigureAwait(false);
        return false;
    }

    private static async Task<bool> StartAsync(DurableTaskClient durable, string orchestrator, ProcessStart start, string id,
        CancellationToken cancellationToken)
    {
        if (await durable.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null) return false;
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(orchestrator, start, new StartOrchestrationOptions(InstanceId: id), cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.AlreadyExists or StatusCode.FailedPrecondition)
        {
            return false; // Started by someone else between the look and the start.
        }
    }

    /// <summary>Whether an instance of that id exists, in any state.</summary>
    public static async Task<bool> ExistsAsync(DurableTaskClient durable, string tenant, string instanceId, CancellationToken cancellationToken) =>
        await durable.GetInstanceAsync(HubId(tenant, instanceId), getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Whether the instance exists and has not finished (it may be suspended): one that takes in what is raised.</summary>
    public static async Task<bool> IsRunningAsync(DurableTaskClient durable, string tenant, string instanceId, CancellationToken cancellationToken) =>
        await durable.GetInstanceAsync(HubId(tenant, instanceId), getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is
        { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended };

    /// <summary>
    /// Sends a process event to a running instance, taken in once per <paramref name="eventId"/>; false, and nothing is
    /// sent, when there is no such instance or it has finished (most invoices that are paid were never chased).
    /// </summary>
    public static async Task<bool> RaiseAsync<TState, TEvent, TEffect>(DurableTaskClient durable, ProcessKind<TState, TEvent, TEffect> kind,
        string tenant, string instanceId, string eventId, TEvent @event, DateTimeOffset clockAt, CancellationToken cancellationToken)
        where TState : notnull where TEvent : notnull where TEffect : notnull
    {
        if (!await IsRunningAsync(durable, tenant, instanceId, cancellationToken).ConfigureAwait(false)) return false;
        await durable.RaiseEventAsync(HubId(tenant, instanceId), ProcessMessage.Name, new ProcessMessage(eventId, kind.Write(@event), clockAt),
            cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>What a running instance shows of itself (its custom status), or null before its first episode.</summary>
    public static ProcessStatus? StatusOf(OrchestrationMetadata instance) =>
        instance.SerializedCustomStatus is { Length: > 0 } json ? JsonSerializer.Deserialize<ProcessStatus>(json) : null;

    /// <summary>
    /// An instance's state as its kind wrote it: its output once completed, else the state it last showed (a failed or
    /// terminated one's too); null before its first episode. Needs the instance read with its inputs and outputs.
    /// </summary>
    public static string? StateOf(OrchestrationMetadata instance) => instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed
        ? instance.ReadOutputAs<string>()
        : StatusOf(instance)?.State;

    /// <summary>
    /// A failed instance's error. Azure Storage keeps it as the instance's output, not as failure details (locally and in
    /// Azure), so the output is where it is found; null for an instance that has not failed.
    /// </summary>
    public static string? ErrorOf(OrchestrationMetadata instance) => instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed
        ? instance.FailureDetails?.ErrorMessage ?? instance.SerializedOutput
        : null;

    /// <summary>The state of the tenant's instance of that id, or null when there is none or it has not run yet.</summary>
    public static async Task<TState?> ReadStateAsync<TState, TEvent, TEffect>(DurableTaskClient durable, ProcessKind<TState, TEvent, TEffect> kind,
        string tenant, string instanceId, CancellationToken cancellationToken)
        where TState : class where TEvent : notnull where TEffect : notnull =>
        await durable.GetInstanceAsync(HubId(tenant, instanceId), getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false) is { } instance
        && StateOf(instance) is { } state
            ? kind.Read<TState>(state)
            : null;

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
