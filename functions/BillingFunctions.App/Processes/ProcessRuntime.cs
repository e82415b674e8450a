using System.Text.Json;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using Microsoft.Extensions.Logging;

namespace BillingFunctions.App.Processes;

/// <summary>
/// Runs durable processes of one kind. A step loads the instance with its ETag, decides (pure), performs the
/// effects with the keys the decision derived from instance id and step, saves with the ETag (a conflict
/// re-runs the step from the load) and enqueues the next wake-up. Crashing anywhere in between repeats the step
/// with the same keys, so Stripe sees every effect once. Thread-safe; several runtimes may share one storage.
/// </summary>
public sealed partial class ProcessRuntime<TState, TEvent, TEffect>(
    ProcessStore store, QueueClient wakeups, ProcessDefinition<TState, TEvent, TEffect> definition,
    TimeProvider time, ILogger logger) : IProcessRuntime
    where TState : notnull where TEvent : notnull where TEffect : notnull
{
    public string ProcessType => definition.Name;

    /// <summary>Steps one message may run back to back before it hands over to a fresh message.</summary>
    private const int MaxStepsPerMessage = 50;
    private const int SeenEventsKept = 50;
    /// <summary>A step failing this long is no outage we wait out; with the minimum count it suspends the instance.</summary>
    public static readonly TimeSpan SuspendAfter = TimeSpan.FromHours(6);
    private const int MinFailuresBeforeSuspending = 10;

    public ProcessDefinition<TState, TEvent, TEffect> Definition => definition;

    /// <summary>Starts an instance that first wakes at <paramref name="wakeAt"/>; false (and nothing changes) if it exists.</summary>
    public async Task<bool> StartAsync(string tenant, string instanceId, TState initial, DateTimeOffset wakeAt,
        CancellationToken cancellationToken = default)
    {
        var record = new ProcessRecord
        {
            Tenant = tenant, InstanceId = instanceId, Type = definition.Name, State = Serialize(initial),
            WakeAt = wakeAt, UpdatedAt = time.GetUtcNow(),
        };
        if (!await store.AddAsync(record, cancellationToken).ConfigureAwait(false)) return false;
        // A crash before this line leaves an overdue instance without a message: the sweep sends it.
        await EnqueueAsync(new WakeMessage(tenant, instanceId, wakeAt), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Appends an external event (e.g. <c>invoice.paid</c>) to a waiting instance and wakes it. False when the
    /// instance does not exist or is completed; true (and nothing added) when the event id was taken in before.
    /// </summary>
    public async Task<bool> RaiseAsync(string tenant, string instanceId, string eventId, TEvent @event,
        CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var record = await store.GetAsync(tenant, instanceId, cancellationToken).ConfigureAwait(false);
            if (record is null || record.Completed) return false;
            if (record.Seen.Contains(eventId)) return true;
            var updated = record with
            {
                Inbox = [.. record.Inbox, new InboxEvent(eventId, SerializeEvent(@event))],
                Seen = [.. record.Seen.TakeLast(SeenEventsKept - 1), eventId],
                WakeAt = time.GetUtcNow() < record.WakeAt ? time.GetUtcNow() : record.WakeAt,
                UpdatedAt = time.GetUtcNow(),
            };
            if (await store.ReplaceAsync(updated, record.ETag, cancellationToken).ConfigureAwait(false))
            {
                await EnqueueAsync(new WakeMessage(tenant, instanceId, null), cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    /// <summary>
    /// Re-sends a wake-up for every instance due before now minus <paramref name="grace"/>, so a lost or
    /// never-sent message delays work but never loses it. Running it twice at once is harmless.
    /// </summary>
    public async Task<int> SweepAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        var count = 0;
        await foreach (var (tenant, instanceId, wakeAt) in store.OverdueAsync(definition.Name, time.GetUtcNow() - grace,
            cancellationToken).ConfigureAwait(false))
        {
            await EnqueueAsync(new WakeMessage(tenant, instanceId, wakeAt), cancellationToken).ConfigureAwait(false);
            count++;
        }
        if (count > 0) LogSwept(logger, definition.Name, count);
        return count;
    }

    public async Task<ProcessView?> GetAsync(string tenant, string instanceId, CancellationToken cancellationToken = default)
    {
        var record = await store.GetAsync(tenant, instanceId, cancellationToken).ConfigureAwait(false);
        if (record is null) return null;
        var history = await store.HistoryAsync(tenant, instanceId, cancellationToken).ConfigureAwait(false);
        return new ProcessView(tenant, instanceId, record.Type, record.State, record.Step, record.WakeAt, record.Completed,
            record.Inbox.Count, history, record.Failures, record.LastError, record.Suspended);
    }

    public TState ReadState(ProcessView view) => JsonSerializer.Deserialize<TState>(view.State, definition.Json)!;

    internal async Task EnqueueAsync(WakeMessage message, CancellationToken cancellationToken)
    {
        var delay = message.Target is { } target ? target - time.GetUtcNow() : TimeSpan.Zero;
        // Past the queue's seven-day limit the message arrives early, and the step it wakes sleeps again.
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > StorageExtensions.MaxVisibilityTimeout
            ? StorageExtensions.MaxVisibilityTimeout : delay;
        await wakeups.SendMessageAsync(JsonSerializer.Serialize(message), delay, StorageExtensions.NeverExpires,
            cancellationToken).ConfigureAwait(false);
    }

    private string Serialize(TState state) => JsonSerializer.Serialize(state, definition.Json);
    private string SerializeEvent(TEvent @event) => JsonSerializer.Serialize(@event, definition.Json);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep re-sent {Count} overdue {ProcessType} wake-ups")]
    private static partial void LogSwept(ILogger logger, string processType, int count);
}
