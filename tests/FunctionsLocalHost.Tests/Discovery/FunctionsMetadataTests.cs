using System.Text.Json.Nodes;
using FunctionsLocalHost.Discovery;
using FunctionsLocalHost.Tests.Testing;
using SampleWorkerApp;

namespace FunctionsLocalHost.Tests.Discovery;

/// <summary>
/// The host must run the functions Azure would: its table has to match the functions.metadata the Worker SDK writes for
/// the sample app (on build, identical to what dotnet publish packages).
/// </summary>
public class FunctionsMetadataTests
{
    [Fact]
    public async Task The_host_function_table_matches_the_sample_apps_functions_metadata()
    {
        await using var host = await SampleHost.StartAsync();

        Assert.Equal(11, host.Functions.Count);
        Assert.Equal(Describe(FromMetadata()), Describe(host.Functions));
    }

    [Fact]
    public void Discovery_alone_gives_the_same_table_without_starting_anything()
    {
        var table = FunctionCatalog.Discover(typeof(SampleAppRegistration).Assembly).Select(f => f.TableEntry).ToList();

        Assert.Equal(Describe(FromMetadata()), Describe(table));
    }

    private static IEnumerable<FunctionTableEntry> FromMetadata()
    {
        var path = Path.Combine(SampleHost.RepoRoot, "tests", "SampleWorkerApp", "bin", BuildConfiguration, "net10.0", "functions.metadata");
        var functions = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        foreach (var function in functions)
        {
            var name = function!["name"]!.GetValue<string>();
            var trigger = function["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;
            var type = trigger["type"]!.GetValue<string>();
            yield return new FunctionTableEntry(name, type,
                // The Functions host serves an HTTP function that declares no route at its name.
                type == "httpTrigger" ? trigger["route"]?.GetValue<string>() ?? name : null,
                trigger["methods"]?.AsArray().Select(m => m!.GetValue<string>().ToLowerInvariant()).ToArray(),
                trigger["schedule"]?.GetValue<string>(), trigger["queueName"]?.GetValue<string>(), trigger["connection"]?.GetValue<string>());
        }
    }

    private static string BuildConfiguration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static IEnumerable<string> Describe(IEnumerable<FunctionTableEntry> table) => table
        .Select(f => $"{f.Name} {f.TriggerType} route={f.Route} methods={string.Join(',', f.Methods ?? [])} schedule={f.Schedule} "
            + $"queue={f.Queue} connection={f.Connection}")
        .Order(StringComparer.Ordinal);
}
