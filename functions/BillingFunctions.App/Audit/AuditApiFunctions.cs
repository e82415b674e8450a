using BillingFunctions.App.Http;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Audit;

/// <summary>The routes of <see cref="AuditApi"/> as HTTP functions; each runs the endpoint of its name.</summary>
public static class AuditApiFunctions
{
    [Function("GetTenantAudit")]
    public static Task GetTenantAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/audit")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("GetCustomerAudit")]
    public static Task GetCustomerAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/customers/{customerId}/audit")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);
}
