using System.Runtime.CompilerServices;
using DurableTask.Core.History;
using Newtonsoft.Json.Linq;

namespace FunctionsLocalHost.Durable;

/// <summary>
/// Reads an instance's history as the task hub's client returns it (<c>GetOrchestrationHistoryAsync</c>: a JSON array
/// of DurableTask.Core history events, written by Newtonsoft.Json without type names), each event as its own type,
/// which its <c>EventType</c> names.
/// </summary>
internal static class ProviderHistory
{
    private static readonly Dictionary<EventType, Type> Types = typeof(HistoryEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(HistoryEvent)) && !t.IsAbstract)
        .ToDictionary(t => ((HistoryEvent)RuntimeHelpers.GetUninitializedObject(t)).EventType);

    public static IEnumerable<HistoryEvent> Read(string json)
    {
        foreach (var item in JArray.Parse(json).Cast<JObject>())
        {
            var eventType = item.Value<int?>(nameof(HistoryEvent.EventType))
                ?? throw new FormatException("A history event without its EventType.");
            if (!Types.TryGetValue((EventType)eventType, out var type))
                throw new NotSupportedException($"History event type {eventType} is not one DurableTask.Core defines.");
            yield return (HistoryEvent)item.ToObject(type)!;
        }
    }
}
