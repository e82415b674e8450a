using System.Text.Json;
using BillingFunctions.Domain.Processes;
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
            if (record is null || record.Completed || record.Suspended) return;
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

            Decision<TState, TEffect> decision;
            var outcomes = new List<InboxEvent>();
            try
            {
                decision = definition.Decide(JsonSerializer.Deserialize<TState>(record.State, definition.Json)!, @event, now);
                foreach (var effect in decision.Effects)
                {
                    var outcome = await definition.PerformAsync(this, record.Tenant, effect, cancellationToken).ConfigureAwait(false);
                    outcomes.Add(new InboxEvent(null, SerializeEvent(outcome)));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await RecordFailureAsync(record, e, now, cancellationToken).ConfigureAwait(false);
                throw;
            }

            // Outcomes go first: the process decides on what it just did before anything that came from outside.
            IReadOnlyList<InboxEvent> inbox = [.. outcomes, .. record.Inbox.Skip(fromInbox ? 1 : 0)];
            var wakeAt = decision.Completed ? (DateTimeOffset?)null : inbox.Count > 0 ? now : decision.WakeAt;
            var saved = record with
            {
                State = Serialize(decision.State), Inbox = inbox, Step = record.Step + 1, WakeAt = wakeAt, UpdatedAt = now,
                Failures = 0, FailingSince = null, LastError = null,
            };
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

    /// <summary>
    /// Counts a failed attempt on the instance. A step that has failed for longer than <see cref="SuspendAfter"/>
    /// (a bug, or a resource gone for good, not an outage) is suspended, so the queue's retries and the sweep stop
    /// hammering Stripe with it; an operator resumes it. Losing the race to save this only loses the count.
    /// </summary>
    private async Task RecordFailureAsync(ProcessRecord record, Exception error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = record.FailingSince ?? now;
        var suspend = record.Failures + 1 >= MinFailuresBeforeSuspending && now - since >= SuspendAfter;
        var failed = record with
        {
            Failures = record.Failures + 1, FailingSince = since, Suspended = suspend, UpdatedAt = now,
            LastError = Truncate($"{error.GetType().Name}: {error.Message}", 1000),
        };
        try
        {
            await store.ReplaceAsync(failed, record.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailureNotRecorded(logger, e, record.InstanceId);
            return;
        }
        if (suspend) LogSuspended(logger, definition.Name, record.InstanceId, failed.Failures, since, failed.LastError);
    }

    /// <summary>
    /// Clears a suspension and makes the instance due now; the sweep sends its wake-up. False when there is no
    /// such instance or it was not suspended.
    /// </summary>
    public async Task<bool> ResumeAsync(string tenant, string instanceId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var record = await store.GetAsync(tenant, instanceId, cancellationToken).ConfigureAwait(false);
            if (record is null || !record.Suspended) return false;
            var now = time.GetUtcNow();
            var resumed = record with { Suspended = false, Failures = 0, FailingSince = null, LastError = null, WakeAt = now, UpdatedAt = now };
            if (await store.ReplaceAsync(resumed, record.ETag, cancellationToken).ConfigureAwait(false))
            {
                await EnqueueAsync(new WakeMessage(tenant, instanceId, now), cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Error,
        Message = "{ProcessType} instance {InstanceId} suspended after {Failures} failures since {Since}: {LastError}")]
    private static partial void LogSuspended(ILogger logger, string processType, string instanceId, int failures,
        DateTimeOffset since, string? lastError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a failure of instance {InstanceId}")]
    private static partial void LogFailureNotRecorded(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId} woke before {WakeAt} and sleeps again")]
    private static partial void LogResleep(ILogger logger, string instanceId, DateTimeOffset wakeAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId} step {Step} was saved by another runner; stepping again")]
    private static partial void LogConflict(ILogger logger, string instanceId, int step);

    [LoggerMessage(Level = LogLevel.Information, Message = "{ProcessType} instance {InstanceId} completed after {Steps} steps")]
    private static partial void LogCompleted(ILogger logger, string processType, string instanceId, int steps);
}
