using BillingFunctions.App.Http;
using BillingFunctions.App.Processes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Invoices;

/// <summary>The routes of <see cref="InvoicesApi"/> as HTTP functions; each runs the endpoint of its name.</summary>
public static class InvoicesApiFunctions
{
    [Function("CreateInvoice")]
    public static Task CreateInvoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/invoices")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ListInvoices")]
    public static Task ListInvoices(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/invoices")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("ExportInvoices")]
    public static Task ExportInvoices(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/invoices/export.csv")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("GetInvoice")]
    public static Task GetInvoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/invoices/{invoiceId}")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("GetInvoiceTimeline")]
    public static Task GetInvoiceTimeline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/invoices/{invoiceId}/timeline")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("AddInvoiceLine")]
    public static Task AddInvoiceLine(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/invoices/{invoiceId}/lines")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("RemoveInvoiceLine")]
    public static Task RemoveInvoiceLine(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/invoices/{invoiceId}/lines/{lineId}")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("AddInvoiceLabel")]
    public static Task AddInvoiceLabel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/invoices/{invoiceId}/labels")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("RemoveInvoiceLabel")]
    public static Task RemoveInvoiceLabel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/invoices/{invoiceId}/labels/{label}")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("HoldInvoice")]
    public static Task HoldInvoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/invoices/{invoiceId}/hold")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, FunctionContext context) => EndpointFunctions.RunAsync(request.With(durable), context);

    [Function("ReleaseInvoice")]
    public static Task ReleaseInvoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/invoices/{invoiceId}/release")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("FinalizeInvoice")]
    public static Task FinalizeInvoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/invoices/{invoiceId}/finalize")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("SendInvoice")]
    public static Task SendInvoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/invoices/{invoiceId}/send")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("PayInvoice")]
    public static Task PayInvoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/invoices/{invoiceId}/pay")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("VoidInvoice")]
    public static Task VoidInvoice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/invoices/{invoiceId}/void")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);

    [Function("MarkInvoiceUncollectible")]
    public static Task MarkInvoiceUncollectible(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/invoices/{invoiceId}/mark-uncollectible")] HttpRequest request,
        FunctionContext context) => EndpointFunctions.RunAsync(request, context);
}
