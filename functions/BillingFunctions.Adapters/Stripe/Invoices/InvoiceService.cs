namespace BillingFunctions.Adapters.Stripe;

/// <summary>Invoices: <c>/v1/invoices</c> and their state transitions.</summary>
public class InvoiceService
{
    private readonly StripeRequestSender sender = null!;

    /// <summary>For test doubles only.</summary>
    protected InvoiceService()
    {
    }

    internal InvoiceService(StripeRequestSender sender) => this.sender = sender;

    /// <summary>Creates a draft invoice.</summary>
    /// <param name="request">Customer and collection settings.</param>
    /// <param name="idempotencyKey">Derived from the business step, so a retry creates no second invoice.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeInvoice> CreateAsync(InvoiceCreateRequest request, string idempotencyKey,
        CancellationToken cancellationToken = default) =>
        sender.PostAsync<StripeInvoice>("/v1/invoices", request.ToForm(), idempotencyKey, cancellationToken);

    /// <summary>Reads an invoice.</summary>
    /// <param name="invoiceId"><c>in_...</c></param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeInvoice> RetrieveAsync(string invoiceId, CancellationToken cancellationToken = default) =>
        sender.GetAsync<StripeInvoice>(Path(invoiceId), null, cancellationToken);

    /// <summary>Lists invoices, newest first, filtered by customer and status.</summary>
    /// <param name="request">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeList<StripeInvoice>> ListAsync(InvoiceListRequest request,
        CancellationToken cancellationToken = default) =>
        sender.GetAsync<StripeList<StripeInvoice>>("/v1/invoices", request.ToQuery(), cancellationToken);

    /// <summary>Finalizes a draft: it becomes <c>open</c>, gets a number and a hosted page.</summary>
    /// <param name="invoiceId"><c>in_...</c></param>
    /// <param name="request">Optional settings; <c>new()</c> for none.</param>
    /// <param name="idempotencyKey">Derived from the business step.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeInvoice> FinalizeAsync(string invoiceId, InvoiceFinalizeRequest request, string idempotencyKey,
        CancellationToken cancellationToken = default) =>
        sender.PostAsync<StripeInvoice>($"{Path(invoiceId)}/finalize", request.ToForm(), idempotencyKey, cancellationToken);

    /// <summary>Charges an open invoice now.</summary>
    /// <param name="invoiceId"><c>in_...</c></param>
    /// <param name="request">Optional payment method and flags; <c>new()</c> for none.</param>
    /// <param name="idempotencyKey">Derived from the business step: a retry with the same key never charges twice.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="CardException">The card was declined; the invoice stays open with one more attempt counted.</exception>
    public virtual Task<StripeInvoice> PayAsync(string invoiceId, InvoicePayRequest request, string idempotencyKey,
        CancellationToken cancellationToken = default) =>
        sender.PostAsync<StripeInvoice>($"{Path(invoiceId)}/pay", request.ToForm(), idempotencyKey, cancellationToken);

    /// <summary>Emails an open invoice to the customer.</summary>
    /// <param name="invoiceId"><c>in_...</c></param>
    /// <param name="idempotencyKey">Derived from the business step.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeInvoice> SendAsync(string invoiceId, string idempotencyKey,
        CancellationToken cancellationToken = default) =>
        sender.PostAsync<StripeInvoice>($"{Path(invoiceId)}/send", null, idempotencyKey, cancellationToken);

    /// <summary>Voids an open invoice: nothing is owed any more.</summary>
    /// <param name="invoiceId"><c>in_...</c></param>
    /// <param name="idempotencyKey">Derived from the business step.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeInvoice> VoidAsync(string invoiceId, string idempotencyKey,
        CancellationToken cancellationToken = default) =>
        sender.PostAsync<StripeInvoice>($"{Path(invoiceId)}/void", null, idempotencyKey, cancellationToken);

    /// <summary>Marks an open invoice uncollectible (bad debt); it can still be paid later.</summary>
    /// <param name="invoiceId"><c>in_...</c></param>
    /// <param name="idempotencyKey">Derived from the business step.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripeInvoice> MarkUncollectibleAsync(string invoiceId, string idempotencyKey,
        CancellationToken cancellationToken = default) =>
        sender.PostAsync<StripeInvoice>($"{Path(invoiceId)}/mark_uncollectible", null, idempotencyKey, cancellationToken);

    private static string Path(string invoiceId) => $"/v1/invoices/{StripeRequestSender.Segment(invoiceId)}";
}
