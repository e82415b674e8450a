using BillingFunctions.App.Http;
using BillingFunctions.App.Processes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Dunning;

/// <summary>The routes of <see cref="DunningApi"/> as HTTP functions; each runs the endpoint of its name.</summary>
public static class DunningApiFunctions
{
    [Function("GetInvoiceDunning")]
    public static Task GetInvoiceDunning(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/invoices/{invoiceId}/dunning")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => EndpointFunctions.RunAsync(request.With(durable), context);

    [Function("GetDunningSettings")]
    public static Task GetDunningSettings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/settings/dunning")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("PutDunningSettings")]
    public static Task PutDunningSettings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/settings/dunning")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);
}
