using BillingFunctions.App.Http;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Reconciliation;

/// <summary>The routes of <see cref="ReconciliationApi"/> as HTTP functions; each runs the endpoint of its name.</summary>
public static class ReconciliationApiFunctions
{
    [Function("GetReconciliationReport")]
    public static Task GetReconciliationReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/reconciliation")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ExportPayments")]
    public static Task ExportPayments(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/payments/export.csv")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);
}
