using System.Text.Json;
using BillingFunctions.App.Hosting;
using BillingFunctions.Domain.Renewals;

namespace BillingFunctions.App.Processes;

/// <summary>
/// GET /api/processes/{tenant}/{instanceId}: an instance's state, next wake-up and step history, for operators.
/// Admin level (the host's master key) until the CRM API's tenant authentication covers it.
/// </summary>
public static class ProcessInstanceFunction
{
    public static readonly HttpFunction Declaration = new("process-instance", "processes/{tenant}/{instanceId}", ["GET"], HandleAsync)
    {
        AuthLevel = HttpAuthLevel.Admin,
    };

    private static async Task<IResult> HandleAsync(string tenant, string instanceId,
        ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect> renewals, CancellationToken cancellationToken)
    {
        var view = await renewals.GetAsync(tenant, instanceId, cancellationToken);
        if (view is null) return TypedResults.Problem(statusCode: 404, title: "No such process instance", type: "https://billing.example/problems/process-not-found");
        return TypedResults.Ok(new
        {
            view.Tenant, view.InstanceId, view.Type, view.Step, view.WakeAt, view.Completed, view.PendingEvents,
            State = JsonDocument.Parse(view.State).RootElement, view.History,
        });
    }
}
