using System.Text.Json.Nodes;
using StripeEmulator.Http;

namespace StripeEmulator.Invoices;

/// <summary>
/// Invoice payments on their own: the way back from a PaymentIntent (which no longer names its invoice since basil)
/// to the invoice it pays, with <c>payment[type]=payment_intent&amp;payment[payment_intent]=pi_...</c>.
/// </summary>
internal static class InvoicePaymentsApi
{
    public static void MapInvoicePayments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/invoice_payments/{id}", (HttpContext http, string id) => Api.Run(http, [],
            call => call.Account.InvoicePayments.Get(id).ToJson()));
        app.MapGet("/v1/invoice_payments", (HttpContext http) => Api.Run(http,
            ["ending_before", "invoice", "limit", "payment", "starting_after", "status"], List));
    }

    private static JsonNode List(ApiCall call)
    {
        var p = call.Params;
        var (invoice, status, intent) = (p.String("invoice"), p.String("status"), p.String("payment.payment_intent"));
        if (status is not (null or "canceled" or "open" or "paid"))
            throw ApiException.InvalidRequest("Invalid status: must be one of canceled, open, or paid", "status");
        if (p.Has("payment") && p.String("payment.type") is not "payment_intent")
            throw ApiException.InvalidRequest("Invalid payment[type]: the emulator only has payment_intent payments", "payment[type]");
        var payments = call.Account.InvoicePayments.NewestFirst().Where(x =>
            (invoice is null || x.Invoice == invoice) && (status is null || x.Status == status) && (intent is null || x.PaymentIntent == intent));
        return ListPage.Render(payments, p, "/v1/invoice_payments");
    }
}
