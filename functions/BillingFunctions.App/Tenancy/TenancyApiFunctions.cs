using BillingFunctions.App.Http;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Tenancy;

/// <summary>The routes of <see cref="DirectoryApi"/> and <see cref="PlatformApi"/> as HTTP functions; each runs the endpoint of its name.</summary>
public static class TenancyApiFunctions
{
    [Function("GetMe")]
    public static Task GetMe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/me")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ListUsers")]
    public static Task ListUsers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/users")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("PutUser")]
    public static Task PutUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/users/{userId}")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("RemoveUser")]
    public static Task RemoveUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/users/{userId}")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ListApiKeys")]
    public static Task ListApiKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/api-keys")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("IssueApiKey")]
    public static Task IssueApiKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/api-keys")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("RevokeApiKey")]
    public static Task RevokeApiKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/api-keys/{keyId}")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ProvisionTenant")]
    public static Task ProvisionTenant(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/platform/tenants")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ReplaceTenantStripeSecrets")]
    public static Task ReplaceTenantStripeSecrets(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/platform/tenants/{tenantId}/stripe")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);
}
