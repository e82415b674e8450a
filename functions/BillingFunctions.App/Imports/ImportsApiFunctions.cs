using BillingFunctions.App.Http;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Imports;

/// <summary>The routes of <see cref="ImportsApi"/> as HTTP functions; each runs the endpoint of its name.</summary>
public static class ImportsApiFunctions
{
    [Function("ImportCustomers")]
    public static Task ImportCustomers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/imports/customers")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ImportInvoices")]
    public static Task ImportInvoices(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/imports/invoices")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("GetImport")]
    public static Task GetImport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/imports/{importId}")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);
}
