using System.Text.Json.Serialization;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>A Stripe payment method (the fields we use).</summary>
public sealed record StripePaymentMethod
{
    /// <summary><c>pm_...</c></summary>
    public required string Id { get; init; }

    /// <summary>Kind of payment method, e.g. <c>card</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The customer it is attached to, if any.</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? Customer { get; init; }

    /// <summary>Card details when <see cref="Type"/> is <c>card</c>.</summary>
    public StripeCard? Card { get; init; }

    /// <summary>Our own key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Live or test mode.</summary>
    public bool Livemode { get; init; }
}

/// <summary>What may be shown of a card: never the full number.</summary>
public sealed record StripeCard
{
    /// <summary><c>visa</c>, <c>mastercard</c>, <c>amex</c>, ...</summary>
    public required string Brand { get; init; }

    /// <summary>Last four digits.</summary>
    public required string Last4 { get; init; }

    /// <summary>Expiry month, 1 to 12.</summary>
    public int ExpMonth { get; init; }

    /// <summary>Four-digit expiry year.</summary>
    public int ExpYear { get; init; }

    /// <summary><c>credit</c>, <c>debit</c>, <c>prepaid</c> or <c>unknown</c>.</summary>
    public string? Funding { get; init; }

    /// <summary>Issuing country.</summary>
    public string? Country { get; init; }
}

/// <summary>Parameters of <c>POST /v1/payment_methods/{payment_method}/attach</c>.</summary>
public sealed record PaymentMethodAttachRequest
{
    /// <summary>The customer to attach to (<c>cus_...</c>).</summary>
    public required string Customer { get; init; }

    internal StripeForm ToForm() => new StripeForm().Add("customer", Customer);
}
