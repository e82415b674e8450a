using System.Text.Json;
using FunctionsLocalHost.Discovery;
using FunctionsLocalHost.Invocation;
using Grpc.Net.Client;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsLocalHost.Durable;

/// <summary>
/// Registers, in the host's container, a Durable Task worker that runs each of the app's orchestrator and activity
/// functions under its function name, and the <see cref="DurableTaskClient"/> that <c>[DurableClient]</c> parameters
/// get; both talk to the sidecar.
/// </summary>
internal static class DurableWorkerSetup
{
    public static void Add(IServiceCollection services, Uri sidecar, IReadOnlyList<LocalFunction> functions, DurableTaskSettings settings,
        FunctionInvoker invoker, Func<IServiceProvider> appServices, CancellationToken stopping)
    {
        var channel = GrpcChannel.ForAddress(sidecar);
        services.AddDurableTaskClient(client => client.UseGrpc(channel));
        services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(channel);
            worker.Configure(options =>
            {
                options.Concurrency.MaximumConcurrentActivityWorkItems = settings.MaxConcurrentActivityFunctions;
                options.Concurrency.MaximumConcurrentOrchestrationWorkItems = settings.MaxConcurrentOrchestratorFunctions;
            });
            worker.AddTasks(registry =>
            {
                foreach (var function in functions)
                {
                    if (function.Trigger is ActivityTriggerAttribute)
                        registry.AddActivity(function.Name, sp => new FunctionActivity(function, invoker, sp, stopping));
                    else if (function.Trigger is OrchestrationTriggerAttribute)
                        registry.AddOrchestrator(function.Name, () => new FunctionOrchestrator(function, appServices(),
                            appServices().GetRequiredService<ILoggerFactory>(), JsonSerializerOptions.Default));
                }
            });
        });
    }
}
