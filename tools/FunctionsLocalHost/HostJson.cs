using System.Text.Json.Nodes;
using FunctionsLocalHost.Durable;

namespace FunctionsLocalHost;

/// <summary>The parts of host.json the local host honours, with the Functions host's defaults where host.json is silent.</summary>
public sealed record HostJson(string RoutePrefix, QueueSettings Queues, DurableTaskSettings DurableTask)
{
    public static HostJson Defaults { get; } = new("api", QueueSettings.Defaults, DurableTaskSettings.Defaults);

    public static HostJson Read(string? path)
    {
        if (path is null)
            return Defaults;
        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })
            ?? throw new InvalidOperationException($"{path} is empty.");
        var extensions = root["extensions"];
        var queues = extensions?["queues"];
        var defaults = QueueSettings.Defaults;
        return new HostJson(
            extensions?["http"]?["routePrefix"]?.GetValue<string>() ?? Defaults.RoutePrefix,
            new QueueSettings(
                Int(queues, "batchSize") ?? defaults.BatchSize,
                Int(queues, "newBatchThreshold") ?? defaults.NewBatchThreshold,
                Int(queues, "maxDequeueCount") ?? defaults.MaxDequeueCount,
                Span(queues, "visibilityTimeout") ?? defaults.VisibilityTimeout,
                Span(queues, "maxPollingInterval") ?? defaults.MaxPollingInterval,
                !string.Equals(queues?["messageEncoding"]?.GetValue<string>(), "none", StringComparison.OrdinalIgnoreCase)),
            DurableTaskSettings.Read(extensions?["durableTask"]));
    }

    internal static int? Int(JsonNode? section, string name) => section?[name]?.GetValue<int>();

    internal static TimeSpan? Span(JsonNode? section, string name) =>
        section?[name]?.GetValue<string>() is { } text ? TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;
}

/// <summary>
/// host.json's extensions.queues. The Functions host's default newBatchThreshold depends on the plan
/// (batchSize / 2 times the core count); locally it is batchSize / 2.
/// </summary>
public sealed record QueueSettings(int BatchSize, int NewBatchThreshold, int MaxDequeueCount, TimeSpan VisibilityTimeout,
    TimeSpan MaxPollingInterval, bool Base64Messages)
{
    public static QueueSettings Defaults { get; } = new(16, 8, 5, TimeSpan.Zero, TimeSpan.FromMinutes(1), Base64Messages: true);
}
