using BillingFunctions.App.Http;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Dashboards;

/// <summary>The routes of <see cref="DashboardsApi"/> as HTTP functions; each runs the endpoint of its name.</summary>
public static class DashboardsApiFunctions
{
    [Function("GetRepDashboard")]
    public static Task GetRepDashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/dashboards/rep")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("GetTeamDashboard")]
    public static Task GetTeamDashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/dashboards/team")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("GetTenantDashboard")]
    public static Task GetTenantDashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/dashboards/tenant")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("GetLabelTotals")]
    public static Task GetLabelTotals(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/dashboards/labels")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);
}
