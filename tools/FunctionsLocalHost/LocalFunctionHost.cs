using System.Reflection;
using Azure.Data.Tables;
using FunctionsLocalHost.Durable;
using FunctionsLocalHost.Discovery;
using FunctionsLocalHost.Http;
using FunctionsLocalHost.Invocation;
using FunctionsLocalHost.Queues;
using FunctionsLocalHost.Timers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsLocalHost;

/// <summary>
/// Runs an isolated-worker app's functions in this process, without the Functions host or Core Tools: HTTP triggers on
/// Kestrel, timers from their schedules, queue triggers by polling, each invocation through the app's worker middleware.
/// </summary>
public sealed class LocalFunctionHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly List<Func<CancellationToken, Task>> _loops;
    private readonly List<Task> _running = [];
    private readonly IReadOnlyList<LocalFunction> _discovered;
    private readonly FunctionInvoker _invoker;
    private readonly DurableSidecar? _sidecar;
    private bool _stopped;

    private LocalFunctionHost(WebApplication app, DurableSidecar? sidecar, IReadOnlyList<LocalFunction> discovered,
        IReadOnlyList<LocalFunction> functions, FunctionInvoker invoker, CancellationTokenSource stopping, List<Func<CancellationToken, Task>> loops)
    {
        _app = app;
        _sidecar = sidecar;
        _discovered = discovered;
        Functions = [.. functions.Select(f => f.TableEntry)];
        _invoker = invoker;
        _stopping = stopping;
        _loops = loops;
    }

    /// <summary>Every function the host runs, with its trigger as declared.</summary>
    public IReadOnlyList<FunctionTableEntry> Functions { get; }

    /// <summary>The app's services (what its registration method added, plus the host's).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Where the HTTP triggers are served, e.g. http://127.0.0.1:51234 (routes are under host.json's prefix).</summary>
    public Uri HttpAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>
    /// Discovers the app's functions, refuses (with <see cref="FunctionHostStartupException"/>) any it cannot run or
    /// whose settings are missing, then starts serving HTTP, firing timers and polling queues.
    /// </summary>
    public static async Task<LocalFunctionHost> StartAsync(LocalFunctionHostOptions options, CancellationToken cancellationToken = default)
    {
        var discovered = FunctionCatalog.Discover(options.AppAssembly);
        var functions = discovered.Where(f => options.Functions?.Contains(f.Name) ?? true).ToList();
        var hostJson = HostJson.Read(options.HostJsonPath);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = options.AppAssembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddConfiguration(options.Configuration);
        builder.WebHost.UseUrls(options.Urls);
        options.ConfigureLogging?.Invoke(builder.Logging);
        // IActionResult results run as MVC runs them; the worker's ASP.NET Core integration does the same.
        builder.Services.AddMvcCore();
        var worker = new WorkerAppBuilder(builder.Services);
        options.ConfigureApp(worker, builder.Configuration);

        var problems = new List<string>();
        var settings = new AppSettings(builder.Configuration, problems);
        var queues = functions.Where(f => f.Trigger is QueueTriggerAttribute)
            .Select(f => QueueTriggerPlan.Resolve(f, settings)).OfType<QueueTriggerPlan>().ToList();
        var timers = functions.Where(f => f.Trigger is TimerTriggerAttribute)
            .Select(f => (function: f, schedule: TimerSchedule.Resolve(f, settings, problems)))
            .Where(t => t.schedule is not null).ToList();
        var monitored = timers.Where(t => ((TimerTriggerAttribute)t.function.Trigger).UseMonitor).Select(t => t.function.Name).FirstOrDefault();
        var monitor = monitored is null ? null : Monitor(options, settings, monitored);
        var durable = functions.Where(f => f.Trigger is OrchestrationTriggerAttribute or ActivityTriggerAttribute).ToList();
        var durableUser = durable.Concat(functions.Where(UsesDurableClient)).FirstOrDefault();
        var taskHub = durableUser is null ? null
            : settings.Required(durableUser.Name, options.HostStorageSetting, "the Durable task hub lives in that storage account");
        var durableSettings = durableUser is null ? hostJson.DurableTask
            : hostJson.DurableTask with { HubName = settings.Resolve(durableUser.Name, "task hub name", hostJson.DurableTask.HubName) };
        if (problems.Count > 0)
            throw new FunctionHostStartupException(problems);

        var stopping = new CancellationTokenSource();
        var invoker = new FunctionInvoker(worker.Middleware);
        IServiceProvider? appServices = null;
        var sidecar = taskHub is null ? null
            : await DurableSidecar.StartAsync(taskHub, durableSettings, options.DurableWorkerId, options.ConfigureLogging, cancellationToken)
                .ConfigureAwait(false);
        if (sidecar is not null)
        {
            builder.Services.Configure<HostOptions>(o => o.ServicesStopConcurrently = true);
            DurableWorkerSetup.Add(builder.Services, sidecar.Address, durable, durableSettings, invoker, () => appServices!, stopping.Token);
        }
        var app = builder.Build();
        appServices = app.Services;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Host.LocalFunctionHost");
        HttpTriggerEndpoints.Map(app, functions.Where(f => f.Trigger is HttpTriggerAttribute), hostJson.RoutePrefix, invoker, stopping.Token, logger);
        var processor = new MessageProcessor(hostJson.Queues, options.QueueMessageLease, invoker, app.Services, logger);
        var loops = new List<Func<CancellationToken, Task>>();
        loops.AddRange(queues.Select(plan => (Func<CancellationToken, Task>)new QueueListener(plan, hostJson.Queues, processor, logger).RunAsync));
        loops.AddRange(timers.Select(t => (Func<CancellationToken, Task>)new TimerRunner(t.function, t.schedule!,
            ((TimerTriggerAttribute)t.function.Trigger).UseMonitor ? monitor : null, options.TimeProvider, invoker, app.Services, logger).RunAsync));

        var host = new LocalFunctionHost(app, sidecar, discovered, functions, invoker, stopping, loops);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        host._running.AddRange(loops.Select(loop => Task.Run(() => loop(stopping.Token), CancellationToken.None)));
        logger.LogInformation("Local function host running {Count} functions; HTTP on {Address}.", functions.Count, host.HttpAddress);
        return host;
    }

    /// <summary>
    /// Runs a timer or queue function of the app once, now, through the worker middleware, as the Functions host's
    /// admin endpoint (<c>POST /admin/functions/{name}</c>) does; a queue function gets <paramref name="input"/> as its
    /// message, dequeued once. Unlike that endpoint, it waits for the function and throws what the function throws,
    /// and it runs functions the host was not asked to start too.
    /// </summary>
    public async Task InvokeAsync(string functionName, string? input = null, CancellationToken cancellationToken = default)
    {
        var function = _discovered.FirstOrDefault(f => string.Equals(f.Name, functionName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"The app has no function '{functionName}'.", nameof(functionName));
        object? Trigger(Type type) => function.Trigger switch
        {
            TimerTriggerAttribute => new TimerInfo(),
            QueueTriggerAttribute when type == typeof(string) => input,
            QueueTriggerAttribute => System.Text.Json.JsonSerializer.Deserialize(input ?? "null", type, System.Text.Json.JsonSerializerOptions.Web),
            HttpTriggerAttribute => throw new ArgumentException($"'{functionName}' is an HTTP function; send it a request.", nameof(functionName)),
            _ => throw new ArgumentException($"'{functionName}' is a Durable function; start it through a DurableTaskClient.", nameof(functionName)),
        };
        var bindingData = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["QueueTrigger"] = input, ["Id"] = Guid.NewGuid().ToString(), ["DequeueCount"] = 1L, ["InsertionTime"] = DateTimeOffset.UtcNow,
        };
        await using var scope = Services.CreateAsyncScope();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, cancellationToken);
        await _invoker.InvokeAsync(new LocalFunctionContext(function, scope.ServiceProvider, Trigger, bindingData, cancellation.Token))
            .ConfigureAwait(false);
    }

    /// <summary>Cancels every invocation's token, waits for running queue and timer invocations, then stops Kestrel.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
            return;
        _stopped = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_running).ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        if (_sidecar is not null)
            await _sidecar.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static bool UsesDurableClient(LocalFunction function) =>
        function.Method.GetParameters().Any(p => p.GetCustomAttribute<DurableClientAttribute>() is not null);

    private static ScheduleMonitor? Monitor(LocalFunctionHostOptions options, AppSettings settings, string firstTimer)
    {
        var connection = settings.Required(firstTimer, options.HostStorageSetting,
            "the host keeps timer schedule status in that storage account (or set UseMonitor = false)");
        if (connection is null)
            return null;
        var hostId = options.HostId ?? options.AppAssembly.GetName().Name!.ToLowerInvariant();
        return new ScheduleMonitor(new TableServiceClient(connection).GetTableClient(ScheduleMonitor.TableName), hostId);
    }
}
