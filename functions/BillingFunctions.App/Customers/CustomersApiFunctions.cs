using BillingFunctions.App.Http;
using BillingFunctions.App.Processes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Customers;

/// <summary>The routes of <see cref="CustomersApi"/> as HTTP functions; each runs the endpoint of its name.</summary>
public static class CustomersApiFunctions
{
    [Function("CreateCustomer")]
    public static Task CreateCustomer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/customers")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ListCustomers")]
    public static Task ListCustomers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/customers")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ExportCustomers")]
    public static Task ExportCustomers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/customers/export.csv")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("GetCustomer")]
    public static Task GetCustomer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/customers/{customerId}")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("UpdateCustomer")]
    public static Task UpdateCustomer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/customers/{customerId}")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("SetDefaultPaymentMethod")]
    public static Task SetDefaultPaymentMethod(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/customers/{customerId}/default-payment-method")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => EndpointFunctions.RunAsync(request.With(durable), context);
}
