using System.Text.Json.Nodes;

namespace FunctionsLocalHost.Durable;

/// <summary>
/// host.json's extensions.durableTask, the parts that apply to a task hub on Azure Storage, with Durable Functions'
/// defaults: the hub name (default "TestHubName", as Core Tools use when the app names none), the control-queue
/// partition count (4), how many orchestrator and activity work items run at once (10 each per core there; locally 10),
/// and how long a message taken by a worker that then died stays invisible before another takes it (5 minutes each).
/// </summary>
public sealed record DurableTaskSettings(string HubName, int PartitionCount, int MaxConcurrentOrchestratorFunctions,
    int MaxConcurrentActivityFunctions, TimeSpan ControlQueueVisibilityTimeout, TimeSpan WorkItemQueueVisibilityTimeout)
{
    public static DurableTaskSettings Defaults { get; } = new("TestHubName", 4, 10, 10, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

    public static DurableTaskSettings Read(JsonNode? section) => section is null
        ? Defaults
        : new(
            section["hubName"]?.GetValue<string>() ?? Defaults.HubName,
            section["storageProvider"]?["partitionCount"]?.GetValue<int>() ?? Defaults.PartitionCount,
            section["maxConcurrentOrchestratorFunctions"]?.GetValue<int>() ?? Defaults.MaxConcurrentOrchestratorFunctions,
            section["maxConcurrentActivityFunctions"]?.GetValue<int>() ?? Defaults.MaxConcurrentActivityFunctions,
            Span(section["storageProvider"]?["controlQueueVisibilityTimeout"]) ?? Defaults.ControlQueueVisibilityTimeout,
            Span(section["storageProvider"]?["workItemQueueVisibilityTimeout"]) ?? Defaults.WorkItemQueueVisibilityTimeout);

    private static TimeSpan? Span(JsonNode? value) =>
        value?.GetValue<string>() is { } text ? TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;
}
