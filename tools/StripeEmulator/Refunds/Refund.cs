using System.Text.Json.Nodes;
using StripeEmulator.State;

namespace StripeEmulator.Refunds;

internal sealed class Refund(string id, long created, long amount, string currency, string charge, string? paymentIntent) : IStripeObject
{
    public string Id { get; } = id;
    public long Created { get; } = created;
    public long Amount { get; } = amount;
    public string Currency { get; } = currency;
    public string Charge { get; } = charge;
    public string? PaymentIntent { get; } = paymentIntent;
    public string? Reason { get; init; }
    public Dictionary<string, string> Metadata { get; } = [];

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "refund",
        ["amount"] = Amount,
        ["balance_transaction"] = "txn_" + Id[3..],
        ["charge"] = Charge,
        ["created"] = Created,
        ["currency"] = Currency,
        ["metadata"] = Json.Metadata(Metadata),
        ["payment_intent"] = PaymentIntent,
        ["reason"] = Reason,
        ["receipt_number"] = null,
        ["source_transfer_reversal"] = null,
        ["status"] = "succeeded",
        ["transfer_reversal"] = null,
    };
}
