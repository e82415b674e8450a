using System.Text.Json.Nodes;
using StripeEmulator.State;

namespace StripeEmulator.InvoiceItems;

internal sealed class InvoiceItem(string id, long created, string customer, string currency, long unitAmount, long quantity) : IStripeObject
{
    public string Id { get; } = id;
    public long Created { get; } = created;
    public string Customer { get; } = customer;
    public string Currency { get; } = currency;
    public long UnitAmount { get; } = unitAmount;
    public long Quantity { get; } = quantity;
    public long Amount => UnitAmount * Quantity;
    public string? Description { get; init; }
    public bool Discountable { get; init; } = true;
    public long PeriodStart { get; init; } = created;
    public long PeriodEnd { get; init; } = created;
    public Dictionary<string, string> Metadata { get; } = [];

    /// <summary>The invoice this item is billed on; null while pending.</summary>
    public string? Invoice { get; set; }

    /// <summary>Id of the invoice line that shows this item (<c>il_...</c>), set when it joins an invoice.</summary>
    public string? LineId { get; set; }

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "invoiceitem",
        ["amount"] = Amount,
        ["currency"] = Currency,
        ["customer"] = Customer,
        ["date"] = Created,
        ["description"] = Description,
        ["discountable"] = Discountable,
        ["discounts"] = new JsonArray(),
        ["invoice"] = Invoice,
        ["livemode"] = false,
        ["metadata"] = Json.Metadata(Metadata),
        ["period"] = new JsonObject { ["end"] = PeriodEnd, ["start"] = PeriodStart },
        ["price"] = null,
        ["proration"] = false,
        ["quantity"] = Quantity,
        ["subscription"] = null,
        ["tax_rates"] = new JsonArray(),
        ["test_clock"] = null,
        ["unit_amount"] = UnitAmount,
        ["unit_amount_decimal"] = UnitAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public JsonObject ToLineJson() => new()
    {
        ["id"] = LineId,
        ["object"] = "line_item",
        ["amount"] = Amount,
        ["amount_excluding_tax"] = Amount,
        ["currency"] = Currency,
        ["description"] = Description,
        ["discount_amounts"] = new JsonArray(),
        ["discountable"] = Discountable,
        ["discounts"] = new JsonArray(),
        ["invoice_item"] = Id,
        ["livemode"] = false,
        ["metadata"] = Json.Metadata(Metadata),
        ["period"] = new JsonObject { ["end"] = PeriodEnd, ["start"] = PeriodStart },
        ["price"] = null,
        ["proration"] = false,
        ["proration_details"] = new JsonObject { ["credited_items"] = null },
        ["quantity"] = Quantity,
        ["subscription"] = null,
        ["tax_amounts"] = new JsonArray(),
        ["tax_rates"] = new JsonArray(),
        ["type"] = "invoiceitem",
        ["unit_amount_excluding_tax"] = UnitAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
