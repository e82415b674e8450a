using System.Text.Json.Serialization;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>A Stripe customer (the fields we use).</summary>
public sealed record StripeCustomer
{
    /// <summary><c>cus_...</c></summary>
    public required string Id { get; init; }

    /// <summary>Name.</summary>
    public string? Name { get; init; }

    /// <summary>Email, where Stripe sends invoices and receipts.</summary>
    public string? Email { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>Phone number.</summary>
    public string? Phone { get; init; }

    /// <summary>Postal address.</summary>
    public StripeAddress? Address { get; init; }

    /// <summary>Three-letter currency the customer is billed in, once set.</summary>
    public string? Currency { get; init; }

    /// <summary>Credit (negative) or debt (positive) applied to the next invoice, in minor units.</summary>
    public long Balance { get; init; }

    /// <summary>True when an invoice is past due.</summary>
    public bool? Delinquent { get; init; }

    /// <summary>Invoice defaults, including the default payment method.</summary>
    public StripeCustomerInvoiceSettings? InvoiceSettings { get; init; }

    /// <summary>Our own key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>When the customer was created.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Live or test mode.</summary>
    public bool Livemode { get; init; }
}

/// <summary>A customer's invoice defaults.</summary>
public sealed record StripeCustomerInvoiceSettings
{
    /// <summary>The payment method invoices are charged to (<c>pm_...</c>).</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? DefaultPaymentMethod { get; init; }

    /// <summary>Footer printed on the customer's invoices.</summary>
    public string? Footer { get; init; }
}
