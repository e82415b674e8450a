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

    /// <summary>
    /// Where the amount comes from, as <c>pricing</c> shows it since basil. Stripe prices an item created by amount with
    /// a price of its own; the emulator has no prices, so these ids name nothing it can return.
    /// </summary>
    private JsonObject Pricing() => new()
    {
        ["price_details"] = new JsonObject { ["price"] = "price_" + Id[3..], ["product"] = "prod_" + Id[3..] },
        ["type"] = "price_details",
        ["unit_amount_decimal"] = UnitAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "invoiceitem",
        ["amount"] = Amount,
        ["currency"] = Currency,
        ["customer"] = Customer,
        ["customer_account"] = null,
        ["date"] = Created,
        ["description"] = Description,
        ["discountable"] = Discountable,
        ["discounts"] = new JsonArray(),
        ["invoice"] = Invoice,
        ["livemode"] = false,
        ["metadata"] = Json.Metadata(Metadata),
        ["net_amount"] = Amount,
        ["parent"] = null,
        ["period"] = new JsonObject { ["end"] = PeriodEnd, ["start"] = PeriodStart },
        ["pricing"] = Pricing(),
        ["proration"] = false,
        ["proration_details"] = new JsonObject { ["credited_items"] = null, ["discount_amounts"] = new JsonArray() },
        ["quantity"] = Quantity,
        ["quantity_decimal"] = Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["tax_rates"] = new JsonArray(),
        ["test_clock"] = null,
    };

    /// <summary>The item as a line of its invoice: <c>parent</c> names the invoice item, <c>pricing</c> its price.</summary>
    public JsonObject ToLineJson() => new()
    {
        ["id"] = LineId,
        ["object"] = "line_item",
        ["amount"] = Amount,
        ["currency"] = Currency,
        ["description"] = Description,
        ["discount_amounts"] = new JsonArray(),
        ["discountable"] = Discountable,
        ["discounts"] = new JsonArray(),
        ["invoice"] = Invoice,
        ["livemode"] = false,
        ["metadata"] = Json.Metadata(Metadata),
        ["parent"] = new JsonObject
        {
            ["invoice_item_details"] = new JsonObject
            {
                ["invoice_item"] = Id,
                ["proration"] = false,
                ["proration_details"] = new JsonObject { ["credited_items"] = null },
                ["subscription"] = null,
            },
            ["subscription_item_details"] = null,
            ["type"] = "invoice_item_details",
        },
        ["period"] = new JsonObject { ["end"] = PeriodEnd, ["start"] = PeriodStart },
        ["pretax_credit_amounts"] = new JsonArray(),
        ["pricing"] = Pricing(),
        ["quantity"] = Quantity,
        ["subscription"] = null,
        ["subtotal"] = Amount,
        ["taxes"] = new JsonArray(),
    };
}
