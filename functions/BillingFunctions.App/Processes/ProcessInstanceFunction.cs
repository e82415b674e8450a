using System.Text.Json;
using BillingFunctions.App.Http;
using BillingFunctions.App.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Processes;

/// <summary>
/// GET /api/processes/{tenant}/{instanceId}: an instance's state, next wake-up and failures (a dunning instance's step
/// history too), for operators; POST .../resume ends a suspension, of an orchestration or a dunning instance. Admin level
/// (the host's master key): instances span features. The task hub's other operations are <see cref="OrchestrationAdmin"/>.
/// </summary>
public static class ProcessInstanceFunction
{
    public static void MapProcessAdmin(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/processes/{tenant}/{instanceId}", ShowAsync).WithName("process-instance");
        routes.MapPost("/api/processes/{tenant}/{instanceId}/resume", ResumeAsync).WithName("process-instance-resume");
        routes.MapOrchestrationAdmin();
    }

    [Function("process-instance")]
    public static Task Show(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "processes/{tenant}/{instanceId}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => EndpointFunctions.RunAsync(request.With(durable), context);

    [Function("process-instance-resume")]
    public static Task ResumeInstance(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "processes/{tenant}/{instanceId}/resume")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => EndpointFunctions.RunAsync(request.With(durable), context);

    private static async Task<IResult> ShowAsync(string tenant, string instanceId, IEnumerable<IProcessRuntime> runtimes, HttpContext http,
        CancellationToken cancellationToken)
    {
        // Every runtime reads the same table, so any of them finds an instance of any kind.
        var view = await runtimes.First().GetAsync(tenant, instanceId, cancellationToken);
        if (view is null) return await ShowOrchestrationAsync(DurableClients.Of(http), tenant, instanceId, cancellationToken);
        return TypedResults.Ok(new
        {
            view.Tenant, view.InstanceId, view.Type, view.Step, view.WakeAt, view.Completed, view.PendingEvents,
            view.Suspended, view.Failures, view.LastError, State = JsonDocument.Parse(view.State).RootElement, view.History,
        });
    }

    private static async Task<IResult> ResumeAsync(string tenant, string instanceId, IEnumerable<IProcessRuntime> runtimes, HttpContext http,
        CancellationToken cancellationToken)
    {
        var view = await runtimes.First().GetAsync(tenant, instanceId, cancellationToken);
        if (view is null) return await OrchestrationAdmin.ResumeAsync(http, tenant, instanceId, cancellationToken);
        var runtime = runtimes.Single(r => r.ProcessType == view.Type);
        return await runtime.ResumeAsync(tenant, instanceId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.Problem(409, "process-not-suspended", "The instance is not suspended");
    }

    /// <summary>An instance of a process that runs on the task hub: its runtime status, state, next wake-up and error.</summary>
    private static async Task<IResult> ShowOrchestrationAsync(DurableTaskClient durable, string tenant, string instanceId,
        CancellationToken cancellationToken)
    {
        var instance = await durable.GetInstanceAsync(ProcessInstances.HubId(tenant, instanceId), getInputsAndOutputs: true, cancellationToken);
        if (instance is null) return NotFound();
        var status = instance.SerializedCustomStatus is { Length: > 0 } json ? JsonSerializer.Deserialize<ProcessStatus>(json) : null;
        var state = instance.IsCompleted && instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? instance.ReadOutputAs<string>()
            : status?.State;
        return TypedResults.Ok(new
        {
            Tenant = tenant, InstanceId = instanceId, Type = instance.Name, RuntimeStatus = instance.RuntimeStatus.ToString(),
            Completed = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed, status?.WakeAt, status?.Steps, status?.LastEffect,
            LastError = instance.FailureDetails?.ErrorMessage, instance.CreatedAt, instance.LastUpdatedAt,
            State = state is null ? (JsonElement?)null : JsonDocument.Parse(state).RootElement,
        });
    }

    private static IResult NotFound() =>
        Problems.Problem(404, "process-not-found", "No such process instance");
}
