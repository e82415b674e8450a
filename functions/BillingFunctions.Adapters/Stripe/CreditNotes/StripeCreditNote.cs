using System.Text.Json.Serialization;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>A Stripe credit note (the fields we use).</summary>
public sealed record StripeCreditNote
{
    /// <summary><c>cn_...</c></summary>
    public required string Id { get; init; }

    /// <summary>The credit note number.</summary>
    public required string Number { get; init; }

    /// <summary>Total credited in minor units, tax included.</summary>
    public required long Amount { get; init; }

    /// <summary>Three-letter ISO currency, lower case.</summary>
    public required string Currency { get; init; }

    /// <summary>The invoice credited.</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public required string Invoice { get; init; }

    /// <summary>The customer.</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public required string Customer { get; init; }

    /// <summary><c>issued</c> or <c>void</c>.</summary>
    public required string Status { get; init; }

    /// <summary><c>pre_payment</c> or <c>post_payment</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Why it was issued.</summary>
    public string? Reason { get; init; }

    /// <summary>Text shown on the credit note.</summary>
    public string? Memo { get; init; }

    /// <summary>The refund it caused, if any.</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? Refund { get; init; }

    /// <summary>Part settled outside Stripe.</summary>
    public long? OutOfBandAmount { get; init; }

    /// <summary>Our own key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset Created { get; init; }
}
