using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.History;

namespace BillingFunctions.App.Processes;

/// <summary>
/// One event of an orchestration's history as an operator reads it: when, what (the event type), and what it concerns:
/// an activity's or event's name, the effect an activity was asked to perform (its kind and idempotency key) and the
/// outcome it answered, a timer's fire time (the task hub's clock), an error, an operator's reason.
/// </summary>
public sealed record HistoryEntry(DateTimeOffset At, string Event, string? Name = null, string? Effect = null, string? Outcome = null,
    DateTimeOffset? FireAt = null, string? Error = null, string? Reason = null);

/// <summary>
/// Reads the task hub's history of an instance into <see cref="HistoryEntry"/>s. The replay markers around each
/// episode (OrchestratorStarted, OrchestratorCompleted) are left out; a task's completion or failure is named after the
/// activity it answers.
/// </summary>
public static class OrchestrationHistory
{
    public static IReadOnlyList<HistoryEntry> Read(IEnumerable<HistoryEvent> events)
    {
        var scheduled = new Dictionary<int, string>();
        var entries = new List<HistoryEntry>();
        foreach (var e in events)
        {
            var at = new DateTimeOffset(DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Utc));
            var type = e.EventType.ToString();
            HistoryEntry? entry = e switch
            {
                OrchestratorStartedEvent or OrchestratorCompletedEvent or HistoryStateEvent => null,
                ExecutionStartedEvent started => new(at, type, started.Name),
                TaskScheduledEvent task => new(at, type, task.Name, Effect: DescribeEffect(task.Input)),
                TaskCompletedEvent done => new(at, type, scheduled.GetValueOrDefault(done.TaskScheduledId), Outcome: DescribeOutcome(done.Result)),
                TaskFailedEvent failed => new(at, type, scheduled.GetValueOrDefault(failed.TaskScheduledId),
                    Error: failed.FailureDetails?.ErrorMessage ?? failed.Reason),
                TimerCreatedEvent timer => new(at, type, FireAt: Utc(timer.FireAt)),
                TimerFiredEvent timer => new(at, type, FireAt: Utc(timer.FireAt)),
                EventRaisedEvent raised => new(at, type, raised.Name),
                EventSentEvent sent => new(at, type, sent.Name),
                ContinueAsNewEvent => new(at, type),
                ExecutionCompletedEvent end => new(at, type, Outcome: end.OrchestrationStatus.ToString(),
                    Error: end.OrchestrationStatus == OrchestrationStatus.Failed ? end.FailureDetails?.ErrorMessage ?? end.Result : null),
                ExecutionTerminatedEvent terminated => new(at, type, Reason: terminated.Input),
                ExecutionSuspendedEvent suspended => new(at, type, Reason: suspended.Reason),
                ExecutionResumedEvent resumed => new(at, type, Reason: resumed.Reason),
                _ => new(at, type),
            };
            if (e is TaskScheduledEvent { Name: { } name } t) scheduled[t.EventId] = name;
            if (entry is not null) entries.Add(entry);
        }
        return entries;
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    /// <summary>
    /// An effect activity's input is an <see cref="EffectRequest"/> whose effect the kind wrote: shown as its kind (the
    /// <c>$kind</c> of a polymorphic effect) and idempotency key. Null for any other input.
    /// </summary>
    private static string? DescribeEffect(string? input)
    {
        if (Inner(input, nameof(EffectRequest.Effect)) is not { } effect) return null;
        var parts = new[] { Text(effect, "$kind"), Text(effect, "IdempotencyKey") }.OfType<string>().ToList();
        return parts.Count > 0 ? string.Join(' ', parts) : null;
    }

    /// <summary>An effect's outcome, an <see cref="EffectOutcome"/>, shown as the kind of event it answered.</summary>
    private static string? DescribeOutcome(string? result) =>
        Inner(result, nameof(EffectOutcome.Event)) is { } outcome ? Text(outcome, "$kind") : null;

    /// <summary>
    /// The JSON object held as a string in property <paramref name="name"/> of the JSON object <paramref name="json"/>, or of
    /// its one element: a task's input is recorded as the array of its parameters.
    /// </summary>
    private static JsonElement? Inner(string? json, string name)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            using var outer = JsonDocument.Parse(json);
            var root = outer.RootElement is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() == 1 ? array[0] : outer.RootElement;
            if (Text(root, name) is not { } inner) return null;
            using var document = JsonDocument.Parse(inner);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null; // Not an effect's input or outcome: shown without one.
        }
    }

    /// <summary>A string property, its name matched as the worker's serializer may have cased it.</summary>
    private static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                return property.Value.GetString();
        }
        return null;
    }
}
