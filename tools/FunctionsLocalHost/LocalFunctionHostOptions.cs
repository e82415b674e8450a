using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace FunctionsLocalHost;

/// <summary>What the local host runs and with which settings.</summary>
public sealed class LocalFunctionHostOptions
{
    /// <summary>The isolated-worker app whose <c>[Function]</c> methods are run.</summary>
    public required Assembly AppAssembly { get; init; }

    /// <summary>
    /// The app's one registration method (services and worker middleware), the same one its Program.cs calls, given the
    /// configuration the app will read (<see cref="Configuration"/> over environment variables).
    /// </summary>
    public required Action<IFunctionsWorkerApplicationBuilder, IConfiguration> ConfigureApp { get; init; }

    /// <summary>Runs only the functions of these names, as <c>func start --functions</c> does; null runs them all.</summary>
    public IReadOnlySet<string>? Functions { get; init; }

    /// <summary>App settings (what local.settings.json's Values or the Function App's settings hold); they override environment variables.</summary>
    public IConfiguration Configuration { get; init; } = new ConfigurationBuilder().Build();

    /// <summary>host.json; without one the Functions host's defaults apply.</summary>
    public string? HostJsonPath { get; init; }

    /// <summary>Where Kestrel listens; port 0 takes a free port (see <see cref="LocalFunctionHost.HttpAddress"/>).</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>The clock timers are scheduled by and schedule status is dated by.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The setting holding the storage account the host keeps timer schedule status in, as the Functions host does.</summary>
    public string HostStorageSetting { get; init; } = "AzureWebJobsStorage";

    /// <summary>Names this app's rows in the schedule status table, so several apps can share a storage account.</summary>
    public string? HostId { get; init; }

    /// <summary>How long a received queue message stays invisible while its function runs; renewed at half of it.</summary>
    public TimeSpan QueueMessageLease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Names this process to the Durable task hub, which leases its control queues to workers by name: two hosts at once
    /// on one hub need different names; a host restarted under the same name takes its leases back at once.
    /// </summary>
    public string DurableWorkerId { get; init; } = Environment.MachineName;

    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
