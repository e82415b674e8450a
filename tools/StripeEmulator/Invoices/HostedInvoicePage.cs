using System.Globalization;
using System.Net;
using System.Text;
using StripeEmulator.Http;
using StripeEmulator.PaymentMethods;
using StripeEmulator.State;

namespace StripeEmulator.Invoices;

/// <summary>The page behind <c>hosted_invoice_url</c>: shows the invoice and pays it with a chosen test card.</summary>
internal static class HostedInvoicePage
{
    public static void MapHostedInvoicePages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/i/{account}/{id}", (string account, string id, EmulatorState state, string? result) => Page(state, account, id, result));
        // No PDF renderer here: invoice_pdf serves the same page, so links to it still open something useful.
        app.MapGet("/i/{account}/{id}/pdf", (string account, string id, EmulatorState state) => Page(state, account, id, null));
        app.MapPost("/i/{account}/{id}/pay", async (string account, string id, HttpContext http, EmulatorState state) =>
        {
            if (state.FindBySegment(account) is not { } acct) return Results.NotFound();
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var card = form["card"].FirstOrDefault() is { } chosen && TestCard.Find(chosen) is not null ? chosen : "pm_card_visa";
            string result;
            try
            {
                Api.Execute(http.RequestServices, acct, null, call =>
                {
                    var invoice = acct.Invoices.Get(id);
                    if (invoice.Status != "open") throw ApiException.InvalidRequest($"This invoice is {invoice.Status} and cannot be paid.");
                    InvoiceFlow.Pay(call, invoice, card);
                    return invoice.ToJson();
                });
                result = "paid";
            }
            catch (ApiException error)
            {
                result = error.DeclineCode ?? error.Code ?? error.Message;
            }
            return Results.Redirect($"/i/{account}/{id}?result={Uri.EscapeDataString(result)}", permanent: false, preserveMethod: false);
        });
    }

    private static IResult Page(EmulatorState state, string account, string id, string? result)
    {
        if (state.FindBySegment(account) is not { } acct) return Results.NotFound();
        lock (acct.Sync)
        {
            return acct.Invoices.Find(id) is { HostedInvoiceUrl: not null } invoice
                ? Results.Content(Render(invoice, result), "text/html; charset=utf-8")
                : Results.NotFound();
        }
    }

    private static string Render(Invoice invoice, string? result)
    {
        var amount = (invoice.AmountRemaining / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        var html = new StringBuilder()
            .Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Invoice ").Append(Encode(invoice.Number))
            .Append("</title></head><body>")
            .Append("<h1>Invoice ").Append(Encode(invoice.Number)).Append("</h1>")
            .Append("<p>Status: <strong id=\"status\">").Append(Encode(invoice.Status)).Append("</strong></p>")
            .Append("<p>Amount due: <span id=\"amount\">").Append(amount).Append(' ')
                .Append(Encode(invoice.Currency.ToUpperInvariant())).Append("</span></p>");
        if (result is not null) html.Append("<p id=\"result\">Result: ").Append(Encode(result)).Append("</p>");
        html.Append("<table>");
        foreach (var item in invoice.Items)
            html.Append("<tr><td>").Append(Encode(item.Description ?? "Item")).Append("</td><td>").Append(item.Amount).Append("</td></tr>");
        html.Append("</table>");
        if (invoice.Status == "open")
        {
            html.Append("<form method=\"post\" action=\"").Append(Encode(new Uri(invoice.HostedInvoiceUrl!).AbsolutePath)).Append("/pay\">")
                .Append("<select name=\"card\">");
            foreach (var token in TestCard.Tokens) html.Append("<option>").Append(Encode(token)).Append("</option>");
            html.Append("</select> <button type=\"submit\" id=\"pay\">Pay</button></form>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
