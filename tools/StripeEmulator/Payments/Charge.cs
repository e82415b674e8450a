using System.Text.Json.Nodes;
using StripeEmulator.PaymentMethods;
using StripeEmulator.State;

namespace StripeEmulator.Payments;

/// <summary>One attempt to take money from a card; failed attempts are kept, as Stripe keeps them.</summary>
internal sealed class Charge(string id, long created, long amount, string currency, PaymentMethod method, Decline? decline) : IStripeObject, IIncludes
{
    public string Id { get; } = id;
    public long Created { get; } = created;
    public long Amount { get; } = amount;
    public string Currency { get; } = currency;
    public PaymentMethod Method { get; } = method;
    public Decline? Decline { get; } = decline;
    public bool Succeeded => Decline is null;
    public string? Customer { get; init; }
    /// <summary>The invoice paid; since basil the charge's JSON no longer names it.</summary>
    public string? Invoice { get; init; }
    public string? PaymentIntent { get; init; }
    public string? Description { get; init; }
    public long AmountRefunded { get; set; }
    public List<Refunds.Refund> Refunds { get; } = [];

    public long Refundable => Succeeded ? Amount - AmountRefunded : 0;

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "charge",
        ["amount"] = Amount,
        ["amount_captured"] = Succeeded ? Amount : 0,
        ["amount_refunded"] = AmountRefunded,
        ["application"] = null,
        ["application_fee"] = null,
        ["application_fee_amount"] = null,
        ["balance_transaction"] = Succeeded ? "txn_" + Id[3..] : null,
        ["billing_details"] = Json.BillingDetails(),
        ["calculated_statement_descriptor"] = "STRIPE EMULATOR",
        ["captured"] = Succeeded,
        ["created"] = Created,
        ["currency"] = Currency,
        ["customer"] = Customer,
        ["description"] = Description,
        ["disputed"] = false,
        ["failure_balance_transaction"] = null,
        ["failure_code"] = Decline?.Code,
        ["failure_message"] = Decline?.Message,
        ["fraud_details"] = new JsonObject(),
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["on_behalf_of"] = null,
        ["outcome"] = Outcome(),
        ["paid"] = Succeeded,
        ["payment_intent"] = PaymentIntent,
        ["payment_method"] = Method.Id,
        ["payment_method_details"] = new JsonObject { ["card"] = Method.CardDetailsForCharge(), ["type"] = "card" },
        ["receipt_email"] = null,
        ["receipt_number"] = null,
        ["receipt_url"] = Succeeded ? $"https://pay.stripe.com/receipts/emulator/{Id}" : null,
        ["refunded"] = Succeeded && AmountRefunded == Amount,
        ["review"] = null,
        ["shipping"] = null,
        ["source_transfer"] = null,
        ["statement_descriptor"] = null,
        ["statement_descriptor_suffix"] = null,
        ["status"] = Succeeded ? "succeeded" : "failed",
        ["transfer_data"] = null,
        ["transfer_group"] = null,
    };

    /// <summary><c>refunds</c> is includable since 2022-11-15: only there when a request expands it.</summary>
    public JsonNode? Include(string field) =>
        field == "refunds" ? Json.List(Refunds.Select(r => r.ToJson()).Reverse(), $"/v1/charges/{Id}/refunds") : null;

    private JsonObject Outcome() => Decline switch
    {
        null => new() { ["network_status"] = "approved_by_network", ["reason"] = null, ["risk_level"] = "normal", ["risk_score"] = 20,
            ["seller_message"] = "Payment complete.", ["type"] = "authorized" },
        { Code: "processing_error" } => new() { ["network_status"] = "not_sent_to_network", ["reason"] = null, ["risk_level"] = "normal",
            ["risk_score"] = 20, ["seller_message"] = "There was an error processing this payment.", ["type"] = "invalid" },
        var d => new() { ["network_status"] = "declined_by_network", ["reason"] = d.DeclineCode ?? d.Code, ["risk_level"] = "normal",
            ["risk_score"] = 20, ["seller_message"] = "The bank did not return any further details with this decline.",
            ["type"] = "issuer_declined" },
    };
}
