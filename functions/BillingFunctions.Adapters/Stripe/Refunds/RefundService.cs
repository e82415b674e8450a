using System.Text.Json.Serialization;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>Refunds: <c>/v1/refunds</c>.</summary>
public class RefundService
{
    private readonly StripeRequestSender sender = null!;

    /// <summary>For test doubles only.</summary>
    protected RefundService()
    {
    }

    internal RefundService(StripeRequestSender sender) => this.sender = sender;

    /// <summary>Refunds a charge or payment intent, fully or partly.</summary>
    /// <param name="request">What to refund and how much.</param>
    /// <param name="idempotencyKey">Derived from the business step, so a retry never refunds twice.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeRefund> CreateAsync(RefundCreateRequest request, string idempotencyKey,
        CancellationToken cancellationToken = default) =>
        sender.PostAsync<StripeRefund>("/v1/refunds", request.ToForm(), idempotencyKey, cancellationToken);
}

/// <summary>Parameters of <c>POST /v1/refunds</c>: give <see cref="Charge"/> or <see cref="PaymentIntent"/>.</summary>
public sealed record RefundCreateRequest
{
    /// <summary>The charge to refund (<c>ch_...</c>).</summary>
    public string? Charge { get; init; }

    /// <summary>The payment intent to refund (<c>pi_...</c>).</summary>
    public string? PaymentIntent { get; init; }

    /// <summary>Amount in minor units; the whole remaining amount when null.</summary>
    public long? Amount { get; init; }

    /// <summary><c>duplicate</c>, <c>fraudulent</c> or <c>requested_by_customer</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>Our own key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    internal StripeForm ToForm() => new StripeForm()
        .Add("charge", Charge).Add("payment_intent", PaymentIntent).Add("amount", Amount).Add("reason", Reason)
        .AddMetadata("metadata", Metadata);
}

/// <summary>A Stripe refund (the fields we use).</summary>
public sealed record StripeRefund
{
    /// <summary><c>re_...</c></summary>
    public required string Id { get; init; }

    /// <summary>Amount in minor units.</summary>
    public required long Amount { get; init; }

    /// <summary>Three-letter ISO currency, lower case.</summary>
    public required string Currency { get; init; }

    /// <summary>The refunded charge.</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? Charge { get; init; }

    /// <summary>The refunded payment intent.</summary>
    [JsonConverter(typeof(ExpandableIdConverter))]
    public string? PaymentIntent { get; init; }

    /// <summary><c>pending</c>, <c>requires_action</c>, <c>succeeded</c>, <c>failed</c> or <c>canceled</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Why it was refunded.</summary>
    public string? Reason { get; init; }

    /// <summary>Our own key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset Created { get; init; }
}
