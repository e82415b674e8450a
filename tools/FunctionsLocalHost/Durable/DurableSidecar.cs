using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsLocalHost.Durable;

/// <summary>
/// The task hub the app's orchestrations run on: DurableTask.AzureStorage (the provider Durable Functions uses in Azure)
/// on the host's storage account, served over gRPC on a free loopback port by the Durable Task test host's sidecar. The
/// Functions host plays this part in Azure; the worker and client connect to it the same way.
/// </summary>
internal sealed class DurableSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DurableSidecar(WebApplication app) => _app = app;

    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<DurableSidecar> StartAsync(string connectionString, DurableTaskSettings settings, string workerId,
        Action<ILoggingBuilder>? configureLogging, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        configureLogging?.Invoke(builder.Logging);
        // Otherwise the sidecar waits out the host's 30-second shutdown timeout for the worker's open stream.
        builder.Services.Configure<HostOptions>(options => options.ServicesStopConcurrently = true);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(sp => new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = settings.HubName,
            PartitionCount = settings.PartitionCount,
            MaxConcurrentTaskOrchestrationWorkItems = settings.MaxConcurrentOrchestratorFunctions,
            MaxConcurrentTaskActivityWorkItems = settings.MaxConcurrentActivityFunctions,
            WorkerId = workerId,
            ControlQueueVisibilityTimeout = settings.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = settings.WorkItemQueueVisibilityTimeout,
            LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),
        }));
        builder.Services.AddSingleton<IOrchestrationService>(sp =>
            new StartedTaskHubService(sp.GetRequiredService<AzureStorageOrchestrationService>()));
        builder.Services.AddSingleton<IOrchestrationServiceClient>(sp =>
            new TaggedStateClient<AzureStorageOrchestrationService>(sp.GetRequiredService<AzureStorageOrchestrationService>()));
        builder.Services.AddSingleton<SidecarGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<SidecarGrpcServer>();
        // The sidecar starts the service's dispatchers but does not create the hub's queues, tables and containers.
        await app.Services.GetRequiredService<AzureStorageOrchestrationService>().CreateIfNotExistsAsync().ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new DurableSidecar(app);
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
