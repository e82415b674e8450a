using BillingFunctions.App.Hosting;
using BillingFunctions.App.Http;
using Microsoft.Azure.Functions.Worker;
using FunctionContext = Microsoft.Azure.Functions.Worker.FunctionContext;

namespace BillingFunctions.App.Api;

/// <summary>
/// The one HTTP function the Functions host routes the whole CRM API through (<c>/api/v1/…</c>); inside the app,
/// route groups take over. It has no handler of its own: a catch-all endpoint would win every request a real endpoint
/// turns down for its method or content type, and answer 404 where routing answers 405 or 415. A path no route
/// group has gets routing's 404, made a problem by the status code pages.
/// </summary>
public static class ApiFunction
{
    public static readonly HttpFunction Declaration = new("api", "v1/{*route}", ["GET", "POST", "PUT", "DELETE", "PATCH"], null);

    [Function(EndpointFunctions.NoRouteFunction)]
    public static Task NoRoute(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "delete", "patch", Route = "v1/{*path}")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);
}
