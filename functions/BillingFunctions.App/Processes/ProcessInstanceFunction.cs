using System.Text.Json;
using BillingFunctions.App.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Processes;

/// <summary>
/// GET /api/processes/{tenant}/{instanceId}: an orchestration's runtime status, state, next wake-up and error, for
/// operators. Admin level (the host's master key): instances span features. The task hub's operations (list, history,
/// suspend, resume, terminate, restart) are <see cref="OrchestrationAdmin"/>.
/// </summary>
public static class ProcessInstanceFunction
{
    public static void MapProcessAdmin(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/processes/{tenant}/{instanceId}", ShowAsync).WithName("process-instance");
        routes.MapOrchestrationAdmin();
    }

    [Function("process-instance")]
    public static Task Show(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "processes/{tenant}/{instanceId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => EndpointFunctions.RunAsync(request.With(durable), context);

    /// <summary>An instance on the task hub: its runtime status, state, next wake-up and error.</summary>
    private static async Task<IResult> ShowAsync(string tenant, string instanceId, HttpContext http, CancellationToken cancellationToken)
    {
        var instance = await DurableClients.Of(http).GetInstanceAsync(ProcessInstances.HubId(tenant, instanceId), getInputsAndOutputs: true,
            cancellationToken);
        if (instance is null) return OrchestrationAdmin.NotFound();
        var status = ProcessInstances.StatusOf(instance);
        var state = ProcessInstances.StateOf(instance);
        return TypedResults.Ok(new
        {
            Tenant = tenant, InstanceId = instanceId, Type = instance.Name, RuntimeStatus = instance.RuntimeStatus.ToString(),
            Completed = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed, status?.WakeAt, status?.Steps, status?.LastEffect,
            LastError = ProcessInstances.ErrorOf(instance), instance.CreatedAt, instance.LastUpdatedAt,
            State = state is null ? (JsonElement?)null : JsonDocument.Parse(state).RootElement,
        });
    }
}
