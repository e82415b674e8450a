using BillingFunctions.App.Processes;
using Microsoft.DurableTask.Client;
using BillingFunctions.App.Http;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.MonthEnd;

/// <summary>The routes of <see cref="MonthEndApi"/> as HTTP functions; each runs the endpoint of its name.</summary>
public static class MonthEndApiFunctions
{
    [Function("EnrollInMonthEndBilling")]
    public static Task EnrollInMonthEndBilling(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/month-end/enrollments")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ListBillingEntries")]
    public static Task ListBillingEntries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/month-end/entries")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("GetBillingEntry")]
    public static Task GetBillingEntry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/month-end/entries/{entryId}")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("EnterBillingEntryAmount")]
    public static Task EnterBillingEntryAmount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/month-end/entries/{entryId}/amount")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("SubmitBillingEntry")]
    public static Task SubmitBillingEntry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/month-end/entries/{entryId}/submit")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ApproveBillingEntry")]
    public static Task ApproveBillingEntry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/month-end/entries/{entryId}/approve")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => EndpointFunctions.RunAsync(request.With(durable), context);

    [Function("ReturnBillingEntry")]
    public static Task ReturnBillingEntry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/month-end/entries/{entryId}/return")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("GetMonthEndReport")]
    public static Task GetMonthEndReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/month-end/report")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);
}
