using BillingFunctions.App.Http;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Catalog;

/// <summary>The routes of <see cref="CatalogApi"/> as HTTP functions; each runs the endpoint of its name.</summary>
public static class CatalogApiFunctions
{
    [Function("CreateProduct")]
    public static Task CreateProduct(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/catalog/products")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ListProducts")]
    public static Task ListProducts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/catalog/products")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("CreatePlan")]
    public static Task CreatePlan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/catalog/plans")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ListPlans")]
    public static Task ListPlans(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/catalog/plans")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("GetPlan")]
    public static Task GetPlan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/catalog/plans/{planId}")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ChangePlanPrice")]
    public static Task ChangePlanPrice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/catalog/plans/{planId}/prices")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("CreateAddOn")]
    public static Task CreateAddOn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/catalog/add-ons")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ListAddOns")]
    public static Task ListAddOns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/catalog/add-ons")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);
}
