using System.Text.Json.Serialization;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>A Stripe invoice (the fields we use), in the shape of API version 2023-08-16.</summary>
public sealed record StripeInvoice
{
    /// <summary><c>in_...</c></summary>
    public required string Id { get; init; }

    /// <summary><c>draft</c>, <c>open</c>, <c>paid</c>, <c>void</c> or <c>uncollectible</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The customer billed.</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? Customer { get; init; }

    /// <summary>Three-letter ISO currency, lower case.</summary>
    public required string Currency { get; init; }

    /// <summary>What is owed at finalization, in minor units.</summary>
    public required long AmountDue { get; init; }

    /// <summary>What has been paid, in minor units.</summary>
    public required long AmountPaid { get; init; }

    /// <summary>What is still owed, in minor units.</summary>
    public required long AmountRemaining { get; init; }

    /// <summary>Sum of the lines before discounts and tax.</summary>
    public required long Subtotal { get; init; }

    /// <summary>Total after discounts and tax.</summary>
    public required long Total { get; init; }

    /// <summary>Payment attempts made so far.</summary>
    public required int AttemptCount { get; init; }

    /// <summary>True once a payment attempt was made.</summary>
    public bool Attempted { get; init; }

    /// <summary>True when paid, by card or out of band.</summary>
    public bool Paid { get; init; }

    /// <summary>When Stripe will try to charge again; null when it will not.</summary>
    public DateTimeOffset? NextPaymentAttempt { get; init; }

    /// <summary>Due date for <c>send_invoice</c> collection.</summary>
    public DateTimeOffset? DueDate { get; init; }

    /// <summary>The invoice number, assigned at finalization.</summary>
    public string? Number { get; init; }

    /// <summary><c>charge_automatically</c> or <c>send_invoice</c>.</summary>
    public required string CollectionMethod { get; init; }

    /// <summary>Whether Stripe advances the invoice by itself.</summary>
    public bool? AutoAdvance { get; init; }

    /// <summary>Page where the customer can see and pay the invoice; set once finalized.</summary>
    public string? HostedInvoiceUrl { get; init; }

    /// <summary>PDF of the invoice; set once finalized.</summary>
    public string? InvoicePdf { get; init; }

    /// <summary>The latest charge (<c>ch_...</c>).</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? Charge { get; init; }

    /// <summary>The payment intent that collects the invoice (<c>pi_...</c>).</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? PaymentIntent { get; init; }

    /// <summary>The payment method charged when set on the invoice itself.</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? DefaultPaymentMethod { get; init; }

    /// <summary>Free text (the memo).</summary>
    public string? Description { get; init; }

    /// <summary>The lines (first page).</summary>
    public StripeList<StripeInvoiceLineItem> Lines { get; init; } = new();

    /// <summary>When the invoice moved between states.</summary>
    public StripeInvoiceStatusTransitions? StatusTransitions { get; init; }

    /// <summary>Our own key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Live or test mode.</summary>
    public bool Livemode { get; init; }
}

/// <summary>One line of an invoice.</summary>
public sealed record StripeInvoiceLineItem
{
    /// <summary><c>il_...</c></summary>
    public required string Id { get; init; }

    /// <summary>Amount in minor units.</summary>
    public required long Amount { get; init; }

    /// <summary>Three-letter ISO currency, lower case.</summary>
    public required string Currency { get; init; }

    /// <summary>Text of the line.</summary>
    public string? Description { get; init; }

    /// <summary>The invoice item behind the line, for <c>invoiceitem</c> lines.</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? InvoiceItem { get; init; }

    /// <summary>Quantity.</summary>
    public long? Quantity { get; init; }

    /// <summary><c>invoiceitem</c> or <c>subscription</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The service period.</summary>
    public StripePeriod? Period { get; init; }

    /// <summary>Our own key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary>When an invoice reached each state.</summary>
public sealed record StripeInvoiceStatusTransitions
{
    /// <summary>Finalized (draft to open).</summary>
    public DateTimeOffset? FinalizedAt { get; init; }

    /// <summary>Paid.</summary>
    public DateTimeOffset? PaidAt { get; init; }

    /// <summary>Voided.</summary>
    public DateTimeOffset? VoidedAt { get; init; }

    /// <summary>Marked uncollectible.</summary>
    public DateTimeOffset? MarkedUncollectibleAt { get; init; }
}
