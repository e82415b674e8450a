using System.Text.Json.Nodes;

namespace FunctionsLocalHost.Discovery;

/// <summary>
/// The functions.metadata the Worker SDK writes at build (and packages on publish), read into the host's table shape,
/// so a test can hold what the host runs to what Azure will run.
/// </summary>
public static class FunctionsMetadata
{
    public static IReadOnlyList<FunctionTableEntry> Read(string path) =>
    [
        .. JsonNode.Parse(File.ReadAllText(path))!.AsArray().Select(function =>
        {
            var name = function!["name"]!.GetValue<string>();
            var trigger = function["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;
            var type = trigger["type"]!.GetValue<string>();
            return new FunctionTableEntry(name, type,
                // The Functions host serves an HTTP function that declares no route at its name.
                type == "httpTrigger" ? trigger["route"]?.GetValue<string>() ?? name : null,
                trigger["methods"]?.AsArray().Select(m => m!.GetValue<string>().ToLowerInvariant()).ToArray(),
                trigger["schedule"]?.GetValue<string>(), trigger["queueName"]?.GetValue<string>(), trigger["connection"]?.GetValue<string>());
        }),
    ];

    /// <summary>One line per function, sorted: what two tables are compared by.</summary>
    public static IEnumerable<string> Describe(IEnumerable<FunctionTableEntry> table) => table
        .Select(f => $"{f.Name} {f.TriggerType} route={f.Route} methods={string.Join(',', f.Methods ?? [])} schedule={f.Schedule} "
            + $"queue={f.Queue} connection={f.Connection}")
        .Order(StringComparer.Ordinal);
}
