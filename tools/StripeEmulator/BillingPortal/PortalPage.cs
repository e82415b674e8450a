using System.Net;
using System.Text;
using StripeEmulator.State;

namespace StripeEmulator.BillingPortal;

/// <summary>A bare customer portal: the customer's invoices with links to their hosted pages.</summary>
internal static class PortalPage
{
    public static void MapPortalPages(this IEndpointRouteBuilder app) =>
        app.MapGet("/p/{account}/{id}", (string account, string id, EmulatorState state) =>
        {
            if (state.FindBySegment(account) is not { } acct) return Results.NotFound();
            lock (acct.Sync)
            {
                if (acct.PortalSessions.Find(id) is not { } session) return Results.NotFound();
                var html = new StringBuilder("<!doctype html><html><head><meta " +
                    "charset=\"utf-8\"><title>Billing</title></head><body><h1>Your invoices</h1><ul>");
                foreach (var invoice in acct.Invoices.NewestFirst().Where(i => i.Customer == session.Customer && i.HostedInvoiceUrl is not null))
                {
                    html.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(invoice.HostedInvoiceUrl)).Append("\">")
                        .Append(WebUtility.HtmlEncode(invoice.Number)).Append("</a> ").Append(WebUtility.HtmlEncode(invoice.Status)).Append("</li>");
                }
                html.Append("</ul>");
                if (session.ReturnUrl is not null) html.Append("<a href=\"").Append(WebUtility.HtmlEncode(session.ReturnUrl)).Append("\">Return</a>");
                return Results.Content(html.Append("</body></html>").ToString(), "text/html; charset=utf-8");
            }
        });
}
