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

        Assert.Equal(16, host.Functions.Count);
        Assert.Equal(Describe(FromMetadata()), Describe(host.Functions));
    }

    [Fact]
    public void Discovery_alone_gives_the_same_table_without_starting_anything()
    {
        var table = FunctionCatalog.Discover(typeof(SampleAppRegistration).Assembly).Select(f => f.TableEntry).ToList();

        Assert.Equal(Describe(FromMetadata()), Describe(table));
    }

    private static IReadOnlyList<FunctionTableEntry> FromMetadata() => FunctionsMetadata.Read(
        Path.Combine(SampleHost.RepoRoot, "tests", "SampleWorkerApp", "bin", BuildConfiguration, "net10.0", "functions.metadata"));

    private static string BuildConfiguration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static IEnumerable<string> Describe(IEnumerable<FunctionTableEntry> table) => FunctionsMetadata.Describe(table);
}
