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

    public static DurableTaskSettings Read(JsonNode? section)
    {
        if (section is null)
            return Defaults;
        var storage = section["storageProvider"];
        return new(
            section["hubName"]?.GetValue<string>() ?? Defaults.HubName,
            HostJson.Int(storage, "partitionCount") ?? Defaults.PartitionCount,
            HostJson.Int(section, "maxConcurrentOrchestratorFunctions") ?? Defaults.MaxConcurrentOrchestratorFunctions,
            HostJson.Int(section, "maxConcurrentActivityFunctions") ?? Defaults.MaxConcurrentActivityFunctions,
            HostJson.Span(storage, "controlQueueVisibilityTimeout") ?? Defaults.ControlQueueVisibilityTimeout,
            HostJson.Span(storage, "workItemQueueVisibilityTimeout") ?? Defaults.WorkItemQueueVisibilityTimeout);
    }
}
