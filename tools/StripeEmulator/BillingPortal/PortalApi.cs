using System.Text.Json.Nodes;
using StripeEmulator.Http;
using StripeEmulator.State;

namespace StripeEmulator.BillingPortal;

internal static class PortalApi
{
    public static void MapBillingPortal(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/billing_portal/sessions", (HttpContext http) => Api.Run(http,
            ["after_expiration", "configuration", "customer", "customer_account", "flow_data", "locale", "on_behalf_of", "return_url"], Create));

    private static JsonNode Create(ApiCall call)
    {
        var p = call.Params;
        var customer = call.Account.Customers.Get(p.RequiredString("customer"), "customer");
        var id = Ids.New("bps");
        var session = new PortalSession(id, call.Now, customer.Id, call.Urls.Absolute($"p/{call.Account.UrlSegment}/{id}"))
        {
            ReturnUrl = p.String("return_url"),
            Locale = p.String("locale"),
        };
        call.Account.PortalSessions.Add(session);
        call.Emit("billing_portal.session.created", session);
        return session.ToJson();
    }
}
