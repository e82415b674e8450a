using System.Text.Json.Nodes;
using StripeEmulator.State;

namespace StripeEmulator.BillingPortal;

internal sealed class PortalSession(string id, long created, string customer, string url) : IStripeObject
{
    public string Id { get; } = id;
    public long Created { get; } = created;
    public string Customer { get; } = customer;
    public string Url { get; } = url;
    public string? ReturnUrl { get; init; }
    public string? Locale { get; init; }

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "billing_portal.session",
        ["configuration"] = "bpc_emulatordefault",
        ["created"] = Created,
        ["customer"] = Customer,
        ["flow"] = null,
        ["livemode"] = false,
        ["locale"] = Locale,
        ["on_behalf_of"] = null,
        ["return_url"] = ReturnUrl,
        ["url"] = Url,
    };
}
