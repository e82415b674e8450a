using System.Text.Json;
using System.Text.Json.Nodes;

namespace BillingFunctions.App.Hosting;

/// <summary>The queue trigger settings of host.json (<c>extensions.queues</c>), with the host's defaults.</summary>
public sealed record QueueTriggerOptions
{
    public int BatchSize { get; init; } = 16;

    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How long a failed message stays invisible before its retry.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>The longest wait between polls of an empty queue.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>"base64" (the host's default) or "none".</summary>
    public string MessageEncoding { get; init; } = "base64";
}

/// <summary>Reads the settings of the app's host.json that the local trigger runner must honour like the host.</summary>
public static class HostJson
{
    public const string FileName = "host.json";

    private static readonly JsonDocumentOptions Lenient = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static QueueTriggerOptions ReadQueueOptions(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: Lenient)
            ?? throw new InvalidDataException($"{path} is empty.");
        var queues = root["extensions"]?["queues"];
        var defaults = new QueueTriggerOptions();
        if (queues is null) return defaults;

        return new QueueTriggerOptions
        {
            BatchSize = queues["batchSize"]?.GetValue<int>() ?? defaults.BatchSize,
            MaxDequeueCount = queues["maxDequeueCount"]?.GetValue<int>() ?? defaults.MaxDequeueCount,
            VisibilityTimeout = ReadTimeSpan(queues["visibilityTimeout"]) ?? defaults.VisibilityTimeout,
            MaxPollingInterval = ReadTimeSpan(queues["maxPollingInterval"]) ?? defaults.MaxPollingInterval,
            MessageEncoding = queues["messageEncoding"]?.GetValue<string>() ?? defaults.MessageEncoding,
        };
    }

    /// <summary>
    /// The configured path, else host.json next to the executable (dev builds copy it there), else one folder up
    /// (the package puts the executable in handler/ below host.json).
    /// </summary>
    public static string Locate(IConfiguration configuration)
    {
        if (configuration[AppSettings.HostJsonPath] is { Length: > 0 } configured) return configured;
        var here = Path.Combine(AppContext.BaseDirectory, FileName);
        if (File.Exists(here)) return here;
        var parent = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", FileName));
        return File.Exists(parent) ? parent
            : throw new FileNotFoundException($"No {FileName} next to or above {AppContext.BaseDirectory}; set {AppSettings.HostJsonPath}.");
    }

    // host.json writes intervals as TimeSpan strings ("00:00:30"); plain numbers are milliseconds.
    private static TimeSpan? ReadTimeSpan(JsonNode? node) => node?.GetValueKind() switch
    {
        null => null,
        JsonValueKind.Number => TimeSpan.FromMilliseconds(node.GetValue<double>()),
        _ => TimeSpan.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
    };
}
