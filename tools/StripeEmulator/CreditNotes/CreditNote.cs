using System.Text.Json.Nodes;
using StripeEmulator.State;

namespace StripeEmulator.CreditNotes;

/// <summary>One credited line: a custom amount, or (part of) a line of the invoice.</summary>
internal sealed record CreditNoteLine(string Type, long Amount, long Quantity, long UnitAmount, string? Description, string? InvoiceLineItem);

internal sealed class CreditNote(string id, long created, string invoice, string customer, string currency, long amount,
    string number) : IStripeObject
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
    public long RefundAmount { get; init; }
    public long? OutOfBandAmount { get; init; }
    public string PdfUrl { get; init; } = "";
    public IReadOnlyList<CreditNoteLine> Lines { get; init; } = [];
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
        ["customer_account"] = null,
        ["customer_balance_transaction"] = null,
        ["discount_amount"] = 0,
        ["discount_amounts"] = new JsonArray(),
        ["effective_at"] = Created,
        ["invoice"] = Invoice,
        ["lines"] = Json.List(Lines.Select((line, i) => LineJson(line, i)), $"/v1/credit_notes/{Id}/lines"),
        ["livemode"] = false,
        ["memo"] = Memo,
        ["metadata"] = Json.Metadata(Metadata),
        ["number"] = Number,
        ["out_of_band_amount"] = OutOfBandAmount,
        ["pdf"] = PdfUrl,
        ["post_payment_amount"] = Type == "post_payment" ? Amount : 0,
        ["pre_payment_amount"] = Type == "pre_payment" ? Amount : 0,
        ["pretax_credit_amounts"] = new JsonArray(),
        ["reason"] = Reason,
        // Since basil a credit note lists its refunds instead of naming one in "refund".
        ["refunds"] = Refund is null
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["amount_refunded"] = RefundAmount, ["refund"] = Refund, ["type"] = "refund" }),
        ["shipping_cost"] = null,
        ["status"] = "issued",
        ["subtotal"] = Amount,
        ["subtotal_excluding_tax"] = Amount,
        ["total"] = Amount,
        ["total_excluding_tax"] = Amount,
        ["total_taxes"] = new JsonArray(),
        ["type"] = Type,
        ["voided_at"] = null,
    };

    private JsonObject LineJson(CreditNoteLine line, int index)
    {
        var json = new JsonObject
        {
            ["id"] = $"cnli_{Id[3..]}{index}",
            ["object"] = "credit_note_line_item",
            ["amount"] = line.Amount,
            ["description"] = line.Description,
            ["discount_amount"] = 0,
            ["discount_amounts"] = new JsonArray(),
        };
        if (line.InvoiceLineItem is not null) json["invoice_line_item"] = line.InvoiceLineItem;
        json["livemode"] = false;
        json["metadata"] = new JsonObject();
        json["pretax_credit_amounts"] = new JsonArray();
        json["quantity"] = line.Quantity;
        json["tax_rates"] = new JsonArray();
        json["taxes"] = new JsonArray();
        json["type"] = line.Type;
        json["unit_amount"] = line.UnitAmount;
        json["unit_amount_decimal"] = line.UnitAmount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return json;
    }
}
