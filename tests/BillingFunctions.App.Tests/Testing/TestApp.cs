using BillingFunctions.App.Clock;
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
        new(StartAsync(settings, HttpFunctions.Union(running ?? []).ToHashSet(), hostJson, services).GetAwaiter().GetResult());

    /// <summary>
    /// The app on the local function host as every test harness starts it: the app's registration, then
    /// <paramref name="services"/> (the last registration wins); <paramref name="functions"/> null runs them all. With
    /// Clock:TimeTravel the host's timers wait on the app's traveling clock, as in tools/BillingLocalHost.
    /// </summary>
    public static Task<LocalFunctionHost> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings, IReadOnlySet<string>? functions,
        string? hostJson, Action<IServiceCollection>? services = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var clock = configuration.GetValue<bool>(AppSettings.TimeTravel) ? new TravelingTimeProvider(TimeProvider.System) : null;
        return LocalFunctionHost.StartAsync(new LocalFunctionHostOptions
        {
            AppAssembly = typeof(BillingServices).Assembly,
            Functions = functions,
            Configuration = configuration,
            HostJsonPath = hostJson,
            HostStorageSetting = AppSettings.StorageConnectionSetting,
            TimeProvider = clock ?? TimeProvider.System,
            ConfigureApp = (worker, appSettings) =>
            {
                if (clock is not null) worker.Services.AddSingleton(clock);
                worker.AddBillingFunctions(appSettings);
                services?.Invoke(worker.Services);
            },
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
        });
    }

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
