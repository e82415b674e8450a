using System.Diagnostics;
using System.Text.Json.Nodes;
using BillingFunctions.Adapters.Tests.StripeApi;

namespace BillingFunctions.App.Tests.Deployment;

/// <summary>The repository's own scripts and CLIs, run as a developer would run them from the repository root.</summary>
internal static class Commands
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>infra/main.bicep compiled to the ARM JSON that azd sends, once per test run (each CLI start costs ~10 s).</summary>
    public static Task<JsonNode> CompiledMainTemplate => CompiledTemplate.Value;

    private static readonly Lazy<Task<JsonNode>> CompiledTemplate = new(async () =>
    {
        var result = await RunAsync("bash", "scripts/lib/bicep.sh", "build", "infra/main.bicep", "--stdout");
        Assert.True(result.ExitCode == 0, $"bicep build failed: {result.Error}");
        return JsonNode.Parse(result.Output)!;
    });

    public static async Task<Result> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Every resource of <paramref name="type"/> in a compiled template, modules' nested templates included.</summary>
    public static IEnumerable<JsonObject> ResourcesOfType(JsonNode? node, string type) => node switch
    {
        JsonObject o when o["type"] is JsonValue t && t.GetValueKind() == System.Text.Json.JsonValueKind.String
            && string.Equals((string?)t, type, StringComparison.OrdinalIgnoreCase) =>
            [o, .. o.SelectMany(p => ResourcesOfType(p.Value, type))],
        JsonObject o => o.SelectMany(p => ResourcesOfType(p.Value, type)),
        JsonArray a => a.SelectMany(item => ResourcesOfType(item, type)),
        _ => [],
    };
}
