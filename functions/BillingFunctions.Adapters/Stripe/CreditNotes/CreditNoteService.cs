namespace BillingFunctions.Adapters.Stripe;

/// <summary>Credit notes: <c>/v1/credit_notes</c>, corrections to finalized invoices.</summary>
public class CreditNoteService
{
    private readonly StripeRequestSender sender = null!;

    /// <summary>For test doubles only.</summary>
    protected CreditNoteService()
    {
    }

    internal CreditNoteService(StripeRequestSender sender) => this.sender = sender;

    /// <summary>Issues a credit note against a finalized invoice.</summary>
    /// <param name="request">Invoice, lines or amount, and where the credit goes.</param>
    /// <param name="idempotencyKey">Derived from the business step, so a retry never credits twice.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeCreditNote> CreateAsync(CreditNoteCreateRequest request, string idempotencyKey,
        CancellationToken cancellationToken = default) =>
        sender.PostAsync<StripeCreditNote>("/v1/credit_notes", request.ToForm(), idempotencyKey, cancellationToken);
}

/// <summary>Parameters of <c>POST /v1/credit_notes</c>.</summary>
public sealed record CreditNoteCreateRequest
{
    /// <summary>The invoice credited (<c>in_...</c>).</summary>
    public required string Invoice { get; init; }

    /// <summary>Total to credit in minor units, when no lines are given.</summary>
    public long? Amount { get; init; }

    /// <summary>Lines credited.</summary>
    public IReadOnlyList<CreditNoteLineRequest>? Lines { get; init; }

    /// <summary><c>duplicate</c>, <c>fraudulent</c>, <c>order_change</c> or <c>product_unsatisfactory</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>Text shown on the credit note.</summary>
    public string? Memo { get; init; }

    /// <summary>Part of the credit refunded to the card, in minor units (paid invoices).</summary>
    public long? RefundAmount { get; init; }

    /// <summary>Part of the credit added to the customer's balance, in minor units.</summary>
    public long? CreditAmount { get; init; }

    /// <summary>Part of the credit settled outside Stripe, in minor units.</summary>
    public long? OutOfBandAmount { get; init; }

    /// <summary>Our own key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    internal StripeForm ToForm() => new StripeForm()
        .Add("invoice", Invoice).Add("amount", Amount)
        .AddObjects("lines", Lines, CreditNoteLineRequest.Write)
        .Add("reason", Reason).Add("memo", Memo).Add("refund_amount", RefundAmount)
        .Add("credit_amount", CreditAmount).Add("out_of_band_amount", OutOfBandAmount)
        .AddMetadata("metadata", Metadata);
}

/// <summary>One credited line (<c>lines[i][...]</c>).</summary>
public sealed record CreditNoteLineRequest
{
    /// <summary><c>invoice_line_item</c> (credit a line of the invoice) or <c>custom_line_item</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The invoice line credited, for <c>invoice_line_item</c>.</summary>
    public string? InvoiceLineItem { get; init; }

    /// <summary>Amount credited in minor units.</summary>
    public long? Amount { get; init; }

    /// <summary>Quantity, for custom lines.</summary>
    public long? Quantity { get; init; }

    /// <summary>Unit amount in minor units, for custom lines.</summary>
    public long? UnitAmount { get; init; }

    /// <summary>Text, for custom lines.</summary>
    public string? Description { get; init; }

    internal static void Write(StripeForm form, CreditNoteLineRequest line) =>
        form.Add("type", line.Type).Add("invoice_line_item", line.InvoiceLineItem).Add("amount", line.Amount)
            .Add("quantity", line.Quantity).Add("unit_amount", line.UnitAmount).Add("description", line.Description);
}
