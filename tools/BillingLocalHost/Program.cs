// The Function App on the local function host, where Core Tools cannot be installed: what `func start` does with the
// same build. Settings come from local.settings.json's Values (when the file is in the working directory), then
// environment variables, then the command line (--urls, --host-json); host.json is the one the app's build carries.
using System.Runtime.InteropServices;
using BillingFunctions.App;
using BillingFunctions.App.Clock;
using BillingFunctions.App.Hosting;
using BillingLocalHost;
using FunctionsLocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(LocalSettings.Read(Path.Combine(Directory.GetCurrentDirectory(), "local.settings.json")))
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();
// Time travel moves the clock the timers wait on, so the host and the app must share one.
var clock = configuration.GetValue<bool>(AppSettings.TimeTravel) ? new TravelingTimeProvider(TimeProvider.System) : null;
await using var host = await LocalFunctionHost.StartAsync(new LocalFunctionHostOptions
{
    AppAssembly = typeof(BillingServices).Assembly,
    Configuration = configuration,
    HostJsonPath = configuration["host-json"] ?? Path.Combine(AppContext.BaseDirectory, "host.json"),
    Urls = configuration["urls"] ?? "http://127.0.0.1:7071",
    TimeProvider = clock ?? TimeProvider.System,
    ConfigureApp = (worker, settings) =>
    {
        if (clock is not null) worker.Services.AddSingleton(clock);
        worker.AddBillingFunctions(settings);
    },
});

var stopped = new TaskCompletionSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopped.TrySetResult(); });
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopped.TrySetResult(); });
await stopped.Task;
await host.StopAsync();
