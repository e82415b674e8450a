using System.Text.Json.Nodes;
using StripeEmulator.State;

namespace StripeEmulator.Payments;

/// <summary>
/// The invoice's PaymentIntent; every payment attempt on the invoice confirms the same one. After a decline,
/// <c>last_payment_error</c> holds the card error (<c>code</c>, <c>decline_code</c>, <c>message</c>) until an attempt succeeds.
/// </summary>
internal sealed class PaymentIntent(string id, long created, long amount, string currency) : IStripeObject
{
    public string Id { get; } = id;
    public long Created { get; } = created;
    public long Amount { get; set; } = amount;
    public string Currency { get; } = currency;
    public string? Customer { get; init; }
    public string? Description { get; init; }
    public string Status { get; set; } = "requires_payment_method";
    public string? PaymentMethod { get; set; }
    public string? LatestCharge { get; set; }
    public long AmountReceived { get; set; }
    public JsonObject? LastPaymentError { get; set; }
    public long? CanceledAt { get; set; }
    public string? CancellationReason { get; set; }

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "payment_intent",
        ["amount"] = Amount,
        ["amount_capturable"] = 0,
        ["amount_details"] = new JsonObject { ["tip"] = new JsonObject() },
        ["amount_received"] = AmountReceived,
        ["application"] = null,
        ["application_fee_amount"] = null,
        ["automatic_payment_methods"] = null,
        ["canceled_at"] = CanceledAt,
        ["cancellation_reason"] = CancellationReason,
        ["capture_method"] = "automatic",
        ["client_secret"] = Id + "_secret_emulator",
        ["confirmation_method"] = "automatic",
        ["created"] = Created,
        ["currency"] = Currency,
        ["customer"] = Customer,
        ["description"] = Description,
        ["last_payment_error"] = LastPaymentError?.DeepClone(),
        ["latest_charge"] = LatestCharge,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["next_action"] = null,
        ["on_behalf_of"] = null,
        ["payment_method"] = PaymentMethod,
        ["payment_method_options"] = new JsonObject(),
        ["payment_method_types"] = new JsonArray("card"),
        ["processing"] = null,
        ["receipt_email"] = null,
        ["review"] = null,
        ["setup_future_usage"] = null,
        ["shipping"] = null,
        ["statement_descriptor"] = null,
        ["statement_descriptor_suffix"] = null,
        ["status"] = Status,
        ["transfer_data"] = null,
        ["transfer_group"] = null,
    };
}
