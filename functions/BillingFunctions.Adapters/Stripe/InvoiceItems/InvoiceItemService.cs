namespace BillingFunctions.Adapters.Stripe;

/// <summary>Invoice items: <c>/v1/invoiceitems</c>, the lines of a coming invoice.</summary>
public class InvoiceItemService
{
    private readonly StripeRequestSender sender = null!;

    /// <summary>For test doubles only.</summary>
    protected InvoiceItemService()
    {
    }

    internal InvoiceItemService(StripeRequestSender sender) => this.sender = sender;

    /// <summary>
    /// Creates an invoice item: on the given draft invoice, or pending until the customer's next invoice
    /// (created with <c>PendingInvoiceItemsBehavior = "include"</c>).
    /// </summary>
    /// <param name="request">Customer, amount and currency.</param>
    /// <param name="idempotencyKey">Derived from the business step, so a retry adds no second line.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeInvoiceItem> CreateAsync(InvoiceItemCreateRequest request, string idempotencyKey,
        CancellationToken cancellationToken = default) =>
        sender.PostAsync<StripeInvoiceItem>("/v1/invoiceitems", request.ToForm(), idempotencyKey, cancellationToken);
}

/// <summary>Parameters of <c>POST /v1/invoiceitems</c>.</summary>
public sealed record InvoiceItemCreateRequest
{
    /// <summary>The customer billed (<c>cus_...</c>).</summary>
    public required string Customer { get; init; }

    /// <summary>
    /// Amount in minor units (cents); negative for a credit line. In the three-decimal currencies Stripe refuses an
    /// amount not ending in 0 (callers pass amounts on <c>Currency.StripeChargeIncrement</c>).
    /// </summary>
    public required long Amount { get; init; }

    /// <summary>Three-letter ISO currency, lower case (<c>eur</c>).</summary>
    public required string Currency { get; init; }

    /// <summary>Text of the invoice line.</summary>
    public string? Description { get; init; }

    /// <summary>A draft invoice to add the item to; null leaves it pending.</summary>
    public string? Invoice { get; init; }

    /// <summary>The service period the line covers.</summary>
    public StripePeriod? Period { get; init; }

    /// <summary>Our own key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    internal StripeForm ToForm() => new StripeForm()
        .Add("customer", Customer).Add("amount", Amount).Add("currency", Currency)
        .Add("description", Description).Add("invoice", Invoice)
        .AddObject("period", Period, StripePeriod.Write)
        .AddMetadata("metadata", Metadata);
}

/// <summary>A service period (<c>period[start]</c>, <c>period[end]</c>).</summary>
public sealed record StripePeriod
{
    /// <summary>Start of the period.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>End of the period.</summary>
    public required DateTimeOffset End { get; init; }

    internal static void Write(StripeForm form, StripePeriod period) =>
        form.Add("start", period.Start).Add("end", period.End);
}
