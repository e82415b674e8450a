using BillingFunctions.App.Http;
using Grpc.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Processes;

/// <summary>
/// What operators do with the processes on the task hub: list a tenant's instances by kind and runtime status (a failed
/// one with its error), read one's history, and suspend, resume, terminate or restart one (a failed one starts over from
/// its input; every effect it repeats finds its own earlier result by key). Admin level, like the instance view
/// (<see cref="ProcessInstanceFunction"/>).
/// </summary>
public static class OrchestrationAdmin
{
    private const int MaxPageSize = 200;

    public static void MapOrchestrationAdmin(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/processes/{tenant}", ListAsync).WithName("process-list");
        routes.MapGet("/api/processes/{tenant}/{instanceId}/history", HistoryAsync).WithName("process-instance-history");
        routes.MapPost("/api/processes/{tenant}/{instanceId}/suspend", (string tenant, string instanceId, HttpContext http, CancellationToken ct) =>
            ChangeAsync(http, tenant, instanceId, OrchestrationRuntimeStatus.Running, (d, id) => d.SuspendInstanceAsync(id, "operator", ct), ct))
            .WithName("process-instance-suspend");
        routes.MapPost("/api/processes/{tenant}/{instanceId}/resume", (string tenant, string instanceId, HttpContext http, CancellationToken ct) =>
            ChangeAsync(http, tenant, instanceId, OrchestrationRuntimeStatus.Suspended, (d, id) => d.ResumeInstanceAsync(id, "operator", ct), ct))
            .WithName("process-instance-resume");
        routes.MapPost("/api/processes/{tenant}/{instanceId}/terminate", (string tenant, string instanceId, HttpContext http,
                CancellationToken ct) => ChangeAsync(http, tenant, instanceId, null, (d, id) => d.TerminateInstanceAsync(id, "operator", ct), ct))
            .WithName("process-instance-terminate");
        routes.MapPost("/api/processes/{tenant}/{instanceId}/restart", (string tenant, string instanceId, HttpContext http, CancellationToken ct) =>
            ChangeAsync(http, tenant, instanceId, null, (d, id) => d.RestartAsync(id, restartWithNewInstanceId: false, ct), ct))
            .WithName("process-instance-restart");
    }

    [Function("process-list")]
    public static Task List([HttpTrigger(AuthorizationLevel.Admin, "get", Route = "processes/{tenant}")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => EndpointFunctions.RunAsync(request.With(durable), context);

    [Function("process-instance-history")]
    public static Task History(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "processes/{tenant}/{instanceId}/history")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => EndpointFunctions.RunAsync(request.With(durable), context);

    [Function("process-instance-suspend")]
    public static Task Suspend(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "processes/{tenant}/{instanceId}/suspend")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => EndpointFunctions.RunAsync(request.With(durable), context);

    [Function("process-instance-resume")]
    public static Task Resume(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "processes/{tenant}/{instanceId}/resume")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => EndpointFunctions.RunAsync(request.With(durable), context);

    [Function("process-instance-terminate")]
    public static Task Terminate(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "processes/{tenant}/{instanceId}/terminate")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => EndpointFunctions.RunAsync(request.With(durable), context);

    [Function("process-instance-restart")]
    public static Task Restart(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "processes/{tenant}/{instanceId}/restart")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => EndpointFunctions.RunAsync(request.With(durable), context);

    /// <summary>The answer for an instance id the tenant has no orchestration of (or no longer has: purged).</summary>
    internal static IResult NotFound() => Problems.Problem(404, "process-not-found", "No such process instance");

    private static async Task<IResult> ListAsync(string tenant, string? kind, string? status, int? pageSize, string? continuation,
        HttpContext http, CancellationToken cancellationToken)
    {
        OrchestrationRuntimeStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return Problems.Invalid($"status is one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.");
            wanted = parsed;
        }
        if (pageSize is < 1 or > MaxPageSize) return Problems.Invalid($"pageSize is between 1 and {MaxPageSize}.");
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = ProcessInstances.HubId(tenant, kind is null ? "" : kind + ":"),
            Statuses = wanted is { } s ? [s] : null,
            PageSize = pageSize ?? 50,
            ContinuationToken = continuation,
            FetchInputsAndOutputs = true, // a failed instance's error is its output on Azure Storage
        };
        await foreach (var page in DurableClients.Of(http).GetAllInstancesAsync(query).AsPages(continuation, pageSize ?? 50)
            .WithCancellation(cancellationToken))
        {
            return TypedResults.Ok(new
            {
                Items = page.Values.Select(i => new
                {
                    InstanceId = i.InstanceId[(tenant.Length + 1)..], Type = i.Name, RuntimeStatus = i.RuntimeStatus.ToString(),
                    i.CreatedAt, i.LastUpdatedAt, LastError = ProcessInstances.ErrorOf(i),
                }),
                Continuation = page.ContinuationToken,
            });
        }
        return TypedResults.Ok(new { Items = Array.Empty<object>(), Continuation = (string?)null });
    }

    /// <summary>
    /// The instance's history, oldest first (<see cref="OrchestrationHistory"/>): what it decided to do, each attempt at
    /// an effect and its outcome or error, its timers and messages, and how it ended. 404 when there is no such instance.
    /// </summary>
    private static async Task<IResult> HistoryAsync(string tenant, string instanceId, HttpContext http, CancellationToken cancellationToken)
    {
        var durable = DurableClients.Of(http);
        var id = ProcessInstances.HubId(tenant, instanceId);
        var instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (instance is null) return NotFound();
        IList<DurableTask.Core.History.HistoryEvent> events;
        try
        {
            events = await durable.GetOrchestrationHistoryAsync(id, cancellationToken);
        }
        catch (ArgumentException)
        {
            return NotFound(); // purged since the look
        }
        return TypedResults.Ok(new
        {
            Tenant = tenant, InstanceId = instanceId, Type = instance.Name, RuntimeStatus = instance.RuntimeStatus.ToString(),
            LastError = ProcessInstances.ErrorOf(instance), Events = OrchestrationHistory.Read(events),
        });
    }

    /// <summary>
    /// Applies an operator's change to an orchestration of the tenant: 404 when there is none, 409 when it is not in
    /// <paramref name="required"/> (when given) or the task hub refuses the change in its state.
    /// </summary>
    private static async Task<IResult> ChangeAsync(HttpContext http, string tenant, string instanceId, OrchestrationRuntimeStatus? required,
        Func<DurableTaskClient, string, Task> change, CancellationToken cancellationToken)
    {
        var durable = DurableClients.Of(http);
        var id = ProcessInstances.HubId(tenant, instanceId);
        var instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        if (instance is null) return NotFound();
        if (required is { } state && instance.RuntimeStatus != state)
            return Problems.Problem(409, "process-state", $"The instance is {instance.RuntimeStatus}, not {state}.");
        try
        {
            await change(durable, id);
            return TypedResults.NoContent();
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.InvalidArgument or StatusCode.NotFound)
        {
            return Problems.Problem(409, "process-state", $"The task hub refused it: {e.Status.Detail}");
        }
    }
}
