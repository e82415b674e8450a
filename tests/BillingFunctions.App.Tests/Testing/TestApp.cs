using BillingFunctions.App.Clock;
using BillingFunctions.App.Hosting;
using FunctionsLocalHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace BillingFunctions.App.Tests.Testing;

/// <summary>
/// The app on the local function host with the given settings: its HTTP and Durable functions, plus the queue and
/// timer functions named (none by default; a test runs one on demand with <see cref="InvokeAsync"/>), each host on a task
/// hub of its own.
/// </summary>
internal sealed class TestApp : IDisposable
{
    /// <summary>What runs in every test host: the API, and the orchestrations and activities behind it.</summary>
    public static readonly IReadOnlySet<string> AlwaysRunning = FunctionsLocalHost.Discovery.FunctionCatalog
        .Discover(typeof(BillingServices).Assembly)
        .Where(f => f.Trigger is HttpTriggerAttribute or OrchestrationTriggerAttribute or ActivityTriggerAttribute).Select(f => f.Name).ToHashSet();

    private readonly LocalFunctionHost _host;

    private TestApp(LocalFunctionHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public Uri Address => _host.HttpAddress;

    public static TestApp Create(IReadOnlyDictionary<string, string?> settings, IEnumerable<string>? running = null, string? hostJson = null,
        Action<IServiceCollection>? services = null, string? workerId = null) =>
        new(StartAsync(settings, AlwaysRunning.Union(running ?? []).ToHashSet(), hostJson, services, workerId).GetAwaiter().GetResult());

    /// <summary>
    /// The app on the local function host as every test harness starts it: the app's registration, then
    /// <paramref name="services"/> (the last registration wins); <paramref name="functions"/> null runs them all. With
    /// Clock:TimeTravel the host's timers wait on the app's traveling clock, as in tools/BillingLocalHost.
    /// </summary>
    /// <param name="workerId">
    /// Its name to the task hub (default: new each time); a host restarted under its old name takes its leases back at once.
    /// </param>
    public static Task<LocalFunctionHost> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings, IReadOnlySet<string>? functions,
        string? hostJson, Action<IServiceCollection>? services = null, string? workerId = null)
    {
        // The host's own storage (timer status, the task hub) is Azurite's, as AzureWebJobsStorage is the Function App's,
        // whatever the app's billing storage is set to, or if it is not set at all.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("AzureWebJobsStorage", Api.ApiHost.AzuriteConnectionString)])
            .AddInMemoryCollection(settings).Build();
        var clock = configuration.GetValue<bool>(AppSettings.TimeTravel) ? new TravelingTimeProvider(TimeProvider.System) : null;
        return LocalFunctionHost.StartAsync(new LocalFunctionHostOptions
        {
            AppAssembly = typeof(BillingServices).Assembly,
            Functions = functions,
            Configuration = configuration,
            HostJsonPath = hostJson ?? WriteHostJson(Directory.CreateTempSubdirectory("billing-host").FullName),
            // Unique, so two instances of the app on one hub share its partitions instead of both taking them.
            DurableWorkerId = workerId ?? "test-" + Guid.NewGuid().ToString("N"),
            // Its own timer status rows: a host whose clock travelled a year must not leave its next occurrences to the next host.
            HostId = "test" + Guid.NewGuid().ToString("N")[..20],
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

    /// <summary>A host.json for tests: the app's own with quick retries and polling, and a task hub of its own.</summary>
    public static string WriteHostJson(string directory, int maxDequeueCount = 3, int batchSize = 16)
    {
        var path = Path.Combine(directory, "host.json");
        File.WriteAllText(path, $$"""
            {
              "version": "2.0",
              "extensions": {
                "durableTask": {
                  "hubName": "{{NewHubName()}}",
                  "storageProvider": {
                    "partitionCount": 1,
                    "controlQueueVisibilityTimeout": "00:00:15",
                    "workItemQueueVisibilityTimeout": "00:00:15"
                  }
                },
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

    /// <summary>A task hub name (letters and digits, at most 45) no other host in the run uses.</summary>
    public static string NewHubName() => "t" + Guid.NewGuid().ToString("N")[..24];
}
