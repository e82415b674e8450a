using System.Text.Json.Nodes;
using StripeEmulator.State;

namespace StripeEmulator.Customers;

internal sealed class Customer(string id, long created, string invoicePrefix) : IStripeObject
{
    public string Id { get; } = id;
    public long Created { get; } = created;
    public string InvoicePrefix { get; } = invoicePrefix;
    public string? Email { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Phone { get; set; }
    public JsonObject? Address { get; set; }
    public long Balance { get; set; }
    public string? Currency { get; set; }
    public bool Delinquent { get; set; }
    public string? DefaultPaymentMethod { get; set; }
    public string? InvoiceFooter { get; set; }
    public long NextInvoiceSequence { get; set; } = 1;
    public List<string> PreferredLocales { get; set; } = [];
    public string TaxExempt { get; set; } = "none";
    public Dictionary<string, string> Metadata { get; } = [];

    /// <summary>Takes the next invoice number (<c>PREFIX-0001</c>), as finalization does.</summary>
    public string TakeInvoiceNumber() => $"{InvoicePrefix}-{NextInvoiceSequence++:0000}";

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "customer",
        ["address"] = Address is null ? null : Json.Address(Address),
        ["balance"] = Balance,
        ["created"] = Created,
        ["currency"] = Currency,
        ["default_source"] = null,
        ["delinquent"] = Delinquent,
        ["description"] = Description,
        ["discount"] = null,
        ["email"] = Email,
        ["invoice_prefix"] = InvoicePrefix,
        ["invoice_settings"] = new JsonObject
        {
            ["custom_fields"] = null,
            ["default_payment_method"] = DefaultPaymentMethod,
            ["footer"] = InvoiceFooter,
            ["rendering_options"] = null,
        },
        ["livemode"] = false,
        ["metadata"] = Json.Metadata(Metadata),
        ["name"] = Name,
        ["next_invoice_sequence"] = NextInvoiceSequence,
        ["phone"] = Phone,
        ["preferred_locales"] = new JsonArray(PreferredLocales.Select(l => (JsonNode?)l).ToArray()),
        ["shipping"] = null,
        ["tax_exempt"] = TaxExempt,
        ["test_clock"] = null,
    };
}
