using System.Text.Json.Nodes;
using StripeEmulator.State;

namespace StripeEmulator.CreditNotes;

internal sealed class CreditNote(string id, long created, string invoice, string customer, string currency, long amount, string number) : IStripeObject
{
    public string Id { get; } = id;
    public long Created { get; } = created;
    public string Invoice { get; } = invoice;
    public string Customer { get; } = customer;
    public string Currency { get; } = currency;
    public long Amount { get; } = amount;
    public string Number { get; } = number;
    public string Type { get; init; } = "pre_payment";
    public string? Memo { get; init; }
    public string? Reason { get; init; }
    public string? Refund { get; init; }
    public long? OutOfBandAmount { get; init; }
    public string PdfUrl { get; init; } = "";
    public Dictionary<string, string> Metadata { get; } = [];

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "credit_note",
        ["amount"] = Amount,
        ["amount_shipping"] = 0,
        ["created"] = Created,
        ["currency"] = Currency,
        ["customer"] = Customer,
        ["customer_balance_transaction"] = null,
        ["discount_amount"] = 0,
        ["discount_amounts"] = new JsonArray(),
        ["effective_at"] = Created,
        ["invoice"] = Invoice,
        ["lines"] = Json.List([Line()], $"/v1/credit_notes/{Id}/lines"),
        ["livemode"] = false,
        ["memo"] = Memo,
        ["metadata"] = Json.Metadata(Metadata),
        ["number"] = Number,
        ["out_of_band_amount"] = OutOfBandAmount,
        ["pdf"] = PdfUrl,
        ["reason"] = Reason,
        ["refund"] = Refund,
        ["shipping_cost"] = null,
        ["status"] = "issued",
        ["subtotal"] = Amount,
        ["subtotal_excluding_tax"] = Amount,
        ["tax_amounts"] = new JsonArray(),
        ["total"] = Amount,
        ["total_excluding_tax"] = Amount,
        ["type"] = Type,
        ["voided_at"] = null,
    };

    private JsonObject Line() => new()
    {
        ["id"] = "cnli_" + Id[3..],
        ["object"] = "credit_note_line_item",
        ["amount"] = Amount,
        ["amount_excluding_tax"] = Amount,
        ["description"] = Memo ?? "Credit",
        ["discount_amount"] = 0,
        ["discount_amounts"] = new JsonArray(),
        ["livemode"] = false,
        ["quantity"] = 1,
        ["tax_amounts"] = new JsonArray(),
        ["tax_rates"] = new JsonArray(),
        ["type"] = "custom_line_item",
        ["unit_amount"] = Amount,
        ["unit_amount_decimal"] = Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["unit_amount_excluding_tax"] = Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
