using System.Text.Json;
using BillingFunctions.App.Http;
using BillingFunctions.App.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Processes;

/// <summary>
/// GET /api/processes/{tenant}/{instanceId}: an instance's state, next wake-up, failures and step history, for
/// operators; POST .../resume clears a suspension. Admin level (the host's master key): instances span features.
/// </summary>
public static class ProcessInstanceFunction
{
    public static void MapProcessAdmin(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/processes/{tenant}/{instanceId}", ShowAsync).WithName("process-instance");
        routes.MapPost("/api/processes/{tenant}/{instanceId}/resume", ResumeAsync).WithName("process-instance-resume");
    }

    [Function("process-instance")]
    public static Task Show(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "processes/{tenant}/{instanceId}")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("process-instance-resume")]
    public static Task ResumeInstance(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "processes/{tenant}/{instanceId}/resume")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    private static async Task<IResult> ShowAsync(string tenant, string instanceId, IEnumerable<IProcessRuntime> runtimes,
        CancellationToken cancellationToken)
    {
        // Every runtime reads the same table, so any of them finds an instance of any kind.
        var view = await runtimes.First().GetAsync(tenant, instanceId, cancellationToken);
        if (view is null) return NotFound();
        return TypedResults.Ok(new
        {
            view.Tenant, view.InstanceId, view.Type, view.Step, view.WakeAt, view.Completed, view.PendingEvents,
            view.Suspended, view.Failures, view.LastError, State = JsonDocument.Parse(view.State).RootElement, view.History,
        });
    }

    private static async Task<IResult> ResumeAsync(string tenant, string instanceId, IEnumerable<IProcessRuntime> runtimes,
        CancellationToken cancellationToken)
    {
        var view = await runtimes.First().GetAsync(tenant, instanceId, cancellationToken);
        if (view is null) return NotFound();
        var runtime = runtimes.Single(r => r.ProcessType == view.Type);
        return await runtime.ResumeAsync(tenant, instanceId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.Problem(409, "process-not-suspended", "The instance is not suspended");
    }

    private static IResult NotFound() =>
        Problems.Problem(404, "process-not-found", "No such process instance");
}
