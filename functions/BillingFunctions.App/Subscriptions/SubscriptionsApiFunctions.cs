using BillingFunctions.App.Http;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Subscriptions;

/// <summary>The routes of <see cref="SubscriptionsApi"/> as HTTP functions; each runs the endpoint of its name.</summary>
public static class SubscriptionsApiFunctions
{
    [Function("CreateSubscription")]
    public static Task CreateSubscription(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/subscriptions")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ListSubscriptions")]
    public static Task ListSubscriptions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/subscriptions")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("GetSubscription")]
    public static Task GetSubscription(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/subscriptions/{subscriptionId}")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("GetSubscriptionTimeline")]
    public static Task GetSubscriptionTimeline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/subscriptions/{subscriptionId}/timeline")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ChangeSubscription")]
    public static Task ChangeSubscription(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/subscriptions/{subscriptionId}/change")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("CancelSubscription")]
    public static Task CancelSubscription(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/subscriptions/{subscriptionId}/cancel")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("PauseSubscription")]
    public static Task PauseSubscription(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/subscriptions/{subscriptionId}/pause")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ResumeSubscription")]
    public static Task ResumeSubscription(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/subscriptions/{subscriptionId}/resume")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);
}
