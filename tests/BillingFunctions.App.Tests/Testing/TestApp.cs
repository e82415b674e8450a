using BillingFunctions.App.Hosting;
using FunctionsLocalHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace BillingFunctions.App.Tests.Testing;

/// <summary>
/// The app on the local function host with the given settings: its HTTP functions, plus the queue and timer functions
/// named (none by default; a test runs one on demand with <see cref="InvokeAsync"/>).
/// </summary>
internal sealed class TestApp : IDisposable
{
    public static readonly IReadOnlySet<string> HttpFunctions = FunctionsLocalHost.Discovery.FunctionCatalog
        .Discover(typeof(BillingServices).Assembly).Where(f => f.Trigger is HttpTriggerAttribute).Select(f => f.Name).ToHashSet();

    private readonly LocalFunctionHost _host;

    private TestApp(LocalFunctionHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public Uri Address => _host.HttpAddress;

    public static TestApp Create(IReadOnlyDictionary<string, string?> settings, IEnumerable<string>? running = null, string? hostJson = null,
        Action<IServiceCollection>? services = null) =>
        new(LocalFunctionHost.StartAsync(new LocalFunctionHostOptions
        {
            AppAssembly = typeof(BillingServices).Assembly,
            Functions = HttpFunctions.Union(running ?? []).ToHashSet(),
            Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            HostJsonPath = hostJson,
            HostStorageSetting = AppSettings.StorageConnectionSetting,
            ConfigureApp = (worker, configuration) =>
            {
                worker.AddBillingFunctions(configuration);
                services?.Invoke(worker.Services);
            },
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
        }).GetAwaiter().GetResult());

    public HttpClient CreateClient() => new() { BaseAddress = _host.HttpAddress };

    /// <summary>Runs a queue function with a message, or a timer function, once and waits for it.</summary>
    public Task InvokeAsync(string function, string? message = null) => _host.InvokeAsync(function, message);

    public void Dispose() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A host.json for tests: the app's own with quick retries and polling.</summary>
    public static string WriteHostJson(string directory, int maxDequeueCount = 3, int batchSize = 16)
    {
        var path = Path.Combine(directory, "host.json");
        File.WriteAllText(path, $$"""
            {
              "version": "2.0",
              "extensions": {
                "queues": {
                  "batchSize": {{batchSize}},
                  "maxDequeueCount": {{maxDequeueCount}},
                  "visibilityTimeout": "00:00:00",
                  "maxPollingInterval": "00:00:00.200"
                }
              }
            }
            """);
        return path;
    }
}
