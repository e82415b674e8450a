using System.Text.Json;
using System.Text.Json.Nodes;

namespace BillingFunctions.App.Hosting.Generation;

/// <summary>Writes the function.json the Functions host reads for a declaration (one folder per function).</summary>
public static class FunctionJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Create(FunctionDeclaration function) => new()
    {
        ["bindings"] = function switch
        {
            HttpFunction http => new JsonArray(
                new JsonObject
                {
                    ["type"] = "httpTrigger",
                    ["direction"] = "in",
                    ["name"] = http.TriggerBindingName,
                    ["authLevel"] = http.AuthLevel.ToString().ToLowerInvariant(),
                    ["methods"] = new JsonArray(http.Methods.Select(m => (JsonNode)m.ToLowerInvariant()).ToArray()),
                    ["route"] = http.Route,
                },
                new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
            TimerFunction timer => new JsonArray(new JsonObject
            {
                ["type"] = "timerTrigger",
                ["direction"] = "in",
                ["name"] = timer.TriggerBindingName,
                ["schedule"] = timer.Schedule,
                ["runOnStartup"] = timer.RunOnStartup,
                ["useMonitor"] = timer.UseMonitor,
            }),
            QueueFunction queue => new JsonArray(new JsonObject
            {
                ["type"] = "queueTrigger",
                ["direction"] = "in",
                ["name"] = queue.TriggerBindingName,
                ["queueName"] = queue.QueueName,
                ["connection"] = queue.Connection,
            }),
            _ => throw new NotSupportedException($"No function.json for {function.GetType().Name}."),
        },
    };

    /// <summary>Writes <c>{directory}/{name}/function.json</c> for each function; returns the folders written.</summary>
    public static IReadOnlyList<string> WriteAll(IEnumerable<FunctionDeclaration> functions, string directory)
    {
        var folders = new List<string>();
        foreach (var function in functions)
        {
            var folder = Path.Combine(directory, function.Name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "function.json"), Create(function).ToJsonString(Indented) + "\n");
            folders.Add(folder);
        }

        return folders;
    }
}
