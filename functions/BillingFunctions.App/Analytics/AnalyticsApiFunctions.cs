using BillingFunctions.App.Http;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Analytics;

/// <summary>The routes of <see cref="AnalyticsApi"/> as HTTP functions; each runs the endpoint of its name.</summary>
public static class AnalyticsApiFunctions
{
    [Function("GetMrr")]
    public static Task GetMrr(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/analytics/mrr")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("RecomputeAnalytics")]
    public static Task RecomputeAnalytics(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/analytics/recompute")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("GetReceivablesAging")]
    public static Task GetReceivablesAging(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/analytics/receivables-aging")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);
}
