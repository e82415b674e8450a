using System.Text.Json.Serialization;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>A Stripe invoice item (the fields we use).</summary>
public sealed record StripeInvoiceItem
{
    /// <summary><c>ii_...</c></summary>
    public required string Id { get; init; }

    /// <summary>Amount in minor units.</summary>
    public required long Amount { get; init; }

    /// <summary>Three-letter ISO currency, lower case.</summary>
    public required string Currency { get; init; }

    /// <summary>The customer billed.</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public required string Customer { get; init; }

    /// <summary>The invoice it is on; null while pending.</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? Invoice { get; init; }

    /// <summary>Text of the invoice line.</summary>
    public string? Description { get; init; }

    /// <summary>Quantity.</summary>
    public long Quantity { get; init; }

    /// <summary>The service period.</summary>
    public StripePeriod? Period { get; init; }

    /// <summary>Our own key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>When it was created (Stripe calls it <c>date</c>).</summary>
    public required DateTimeOffset Date { get; init; }
}
