using System.Text.Json.Nodes;
using StripeEmulator.State;

namespace StripeEmulator.PaymentMethods;

internal sealed class PaymentMethod(string id, long created, TestCard card) : IStripeObject
{
    public string Id { get; } = id;
    public long Created { get; } = created;
    public TestCard Card { get; } = card;
    public string? Customer { get; set; }
    public Dictionary<string, string> Metadata { get; } = [];

    // Stripe's test cards all expire in the future; a fixed year keeps fingerprints stable.
    public const int ExpMonth = 12;
    public const int ExpYear = 2034;

    public string Fingerprint => "emu" + Card.Brand[..2] + Card.Last4 + "fp00000";

    public JsonObject CardDetailsForCharge() => new()
    {
        ["brand"] = Card.Brand,
        ["checks"] = new JsonObject { ["address_line1_check"] = null, ["address_postal_code_check"] = null, ["cvc_check"] = null },
        ["country"] = "US",
        ["exp_month"] = ExpMonth,
        ["exp_year"] = ExpYear,
        ["fingerprint"] = Fingerprint,
        ["funding"] = Card.Funding,
        ["installments"] = null,
        ["last4"] = Card.Last4,
        ["mandate"] = null,
        ["network"] = Card.Brand,
        ["network_token"] = null,
        ["three_d_secure"] = null,
        ["wallet"] = null,
    };

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "payment_method",
        ["billing_details"] = Json.BillingDetails(),
        ["card"] = new JsonObject
        {
            ["brand"] = Card.Brand,
            ["checks"] = new JsonObject { ["address_line1_check"] = null, ["address_postal_code_check"] = null, ["cvc_check"] = "unchecked" },
            ["country"] = "US",
            ["exp_month"] = ExpMonth,
            ["exp_year"] = ExpYear,
            ["fingerprint"] = Fingerprint,
            ["funding"] = Card.Funding,
            ["generated_from"] = null,
            ["last4"] = Card.Last4,
            ["networks"] = new JsonObject { ["available"] = new JsonArray(Card.Brand), ["preferred"] = null },
            ["three_d_secure_usage"] = new JsonObject { ["supported"] = true },
            ["wallet"] = null,
        },
        ["created"] = Created,
        ["customer"] = Customer,
        ["livemode"] = false,
        ["metadata"] = Json.Metadata(Metadata),
        ["type"] = "card",
    };
}
