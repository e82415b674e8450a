using System.Text.Json;

namespace BillingFunctions.App.Hosting;

/// <summary>What a timer or queue handler gets besides its trigger value: services, a logger, the trigger metadata.</summary>
public sealed class FunctionContext(
    string functionName,
    IServiceProvider services,
    ILogger logger,
    IReadOnlyDictionary<string, JsonElement> metadata)
{
    public string FunctionName { get; } = functionName;

    /// <summary>Services scoped to this invocation.</summary>
    public IServiceProvider Services { get; } = services;

    /// <summary>Writes to the app's log and to the invocation's Logs, which the host shows with the invocation.</summary>
    public ILogger Logger { get; } = logger;

    /// <summary>Trigger metadata as the host sent it (for queues: Id, DequeueCount, InsertionTime, ...).</summary>
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; } = metadata;
}
