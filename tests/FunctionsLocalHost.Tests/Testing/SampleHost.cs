using FunctionsLocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SampleWorkerApp;

namespace FunctionsLocalHost.Tests.Testing;

/// <summary>The sample worker app run by the local host against Azurite, each test with its own queues and timer status.</summary>
internal static class SampleHost
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "AZURITE_CONNECTION_STRING is not set. Run the tests through scripts/test.sh or scripts/dev-azurite.sh, which start Azurite.");

    public static string HostJson => Path.Combine(RepoRoot, "tests", "SampleWorkerApp", "host.json");

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Settings naming fresh queues and a fresh host id, so tests never see each other's messages or timer status.</summary>
    public static Dictionary<string, string?> Settings()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        return new()
        {
            ["SampleStorage"] = ConnectionString,
            ["AzureWebJobsStorage"] = ConnectionString,
            ["TextQueue"] = "text" + suffix,
            ["OrderQueue"] = "order" + suffix,
            ["RawQueue"] = "raw" + suffix,
            ["SampleSchedule"] = "01:00:00",
            ["HostId"] = "sample" + suffix,
            ["SampleHub"] = "sample" + suffix,
        };
    }

    public static Task<LocalFunctionHost> StartAsync(Dictionary<string, string?>? settings = null, TimeProvider? clock = null,
        TimeSpan? lease = null, string? workerId = null)
    {
        settings ??= Settings();
        return LocalFunctionHost.StartAsync(new LocalFunctionHostOptions
        {
            AppAssembly = typeof(SampleAppRegistration).Assembly,
            ConfigureApp = (worker, _) => worker.AddSampleApp(),
            Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            HostJsonPath = HostJson,
            TimeProvider = clock ?? TimeProvider.System,
            HostId = settings["HostId"],
            QueueMessageLease = lease ?? TimeSpan.FromMinutes(10),
            DurableWorkerId = workerId ?? Environment.MachineName,
        });
    }

    public static InvocationLog Log(this LocalFunctionHost host) => host.Services.GetRequiredService<InvocationLog>();

    /// <summary>Waits for something the host does in the background; fails with <paramref name="what"/> if it never happens.</summary>
    public static Task Eventually(Func<bool> condition, string what, int seconds = 30) =>
        Eventually(() => Task.FromResult(condition()), what, seconds);

    public static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Gave up waiting for: {what}");
            await Task.Delay(50);
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BillingFunctions.sln")))
                return dir.FullName;
        throw new InvalidOperationException("No BillingFunctions.sln above " + AppContext.BaseDirectory);
    }
}
