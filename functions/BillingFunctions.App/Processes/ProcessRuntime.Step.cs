using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace BillingFunctions.App.Processes;

public sealed partial class ProcessRuntime<TState, TEvent, TEffect>
{
    /// <summary>Handles one wake-up message: runs the instance's steps until it sleeps, completes, or has nothing to do.</summary>
    public async Task RunAsync(WakeMessage message, CancellationToken cancellationToken = default)
    {
        for (var steps = 0; steps < MaxStepsPerMessage;)
        {
            var record = await store.GetAsync(message.Tenant, message.InstanceId, cancellationToken).ConfigureAwait(false);
            if (record is null || record.Completed) return;
            var now = time.GetUtcNow();

            TEvent @event;
            var fromInbox = record.Inbox.Count > 0;
            if (fromInbox)
            {
                @event = JsonSerializer.Deserialize<TEvent>(record.Inbox[0].Json, definition.Json)!;
            }
            else if (message.Target is { } target && target != record.WakeAt)
            {
                return; // Sent for a wake-up that already happened (a duplicate, or the sweep's copy).
            }
            else if (record.WakeAt > now)
            {
                if (message.Target is not null)
                {
                    LogResleep(logger, record.InstanceId, record.WakeAt.Value);
                    await EnqueueAsync(message, cancellationToken).ConfigureAwait(false);
                }
                return;
            }
            else
            {
                @event = definition.Woken;
            }

            var state = JsonSerializer.Deserialize<TState>(record.State, definition.Json)!;
            var decision = definition.Decide(state, @event, now);
            var outcomes = new List<InboxEvent>();
            foreach (var effect in decision.Effects)
            {
                var outcome = await definition.PerformAsync(this, record.Tenant, effect, cancellationToken).ConfigureAwait(false);
                outcomes.Add(new InboxEvent(null, SerializeEvent(outcome)));
            }

            // Outcomes go first: the process decides on what it just did before anything that came from outside.
            IReadOnlyList<InboxEvent> inbox = [.. outcomes, .. record.Inbox.Skip(fromInbox ? 1 : 0)];
            var wakeAt = decision.Completed ? (DateTimeOffset?)null : inbox.Count > 0 ? now : decision.WakeAt;
            var saved = record with { State = Serialize(decision.State), Inbox = inbox, Step = record.Step + 1, WakeAt = wakeAt, UpdatedAt = now };
            var step = new ProcessStep(record.Step, now, @event.GetType().Name, [.. decision.Effects.Select(definition.Describe)], wakeAt);
            if (!await store.SaveStepAsync(saved, record.ETag, step, cancellationToken).ConfigureAwait(false))
            {
                LogConflict(logger, record.InstanceId, record.Step);
                continue; // Someone else stepped it: start over from what they saved.
            }
            steps++;
            if (wakeAt is null)
            {
                LogCompleted(logger, definition.Name, record.InstanceId, saved.Step);
                return;
            }
            if (inbox.Count > 0) continue;
            await EnqueueAsync(new WakeMessage(record.Tenant, record.InstanceId, wakeAt), cancellationToken).ConfigureAwait(false);
            return;
        }
        // A long chain hands over to a fresh message rather than holding this one.
        await EnqueueAsync(new WakeMessage(message.Tenant, message.InstanceId, null), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId} woke before {WakeAt} and sleeps again")]
    private static partial void LogResleep(ILogger logger, string instanceId, DateTimeOffset wakeAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId} step {Step} was saved by another runner; stepping again")]
    private static partial void LogConflict(ILogger logger, string instanceId, int step);

    [LoggerMessage(Level = LogLevel.Information, Message = "{ProcessType} instance {InstanceId} completed after {Steps} steps")]
    private static partial void LogCompleted(ILogger logger, string processType, string instanceId, int steps);
}
