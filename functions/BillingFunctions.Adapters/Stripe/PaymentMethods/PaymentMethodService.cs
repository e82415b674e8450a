namespace BillingFunctions.Adapters.Stripe;

/// <summary>
/// Payment methods: <c>/v1/payment_methods</c>. To make one the customer's default, attach it and then set
/// <see cref="CustomerInvoiceSettingsRequest.DefaultPaymentMethod"/> with <see cref="CustomerService.UpdateAsync"/>.
/// </summary>
public class PaymentMethodService
{
    private readonly StripeRequestSender sender = null!;

    /// <summary>For test doubles only.</summary>
    protected PaymentMethodService()
    {
    }

    internal PaymentMethodService(StripeRequestSender sender) => this.sender = sender;

    /// <summary>Attaches a payment method to a customer.</summary>
    /// <param name="paymentMethodId"><c>pm_...</c></param>
    /// <param name="request">The customer.</param>
    /// <param name="idempotencyKey">Derived from the business step.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="CardException">The card was refused when it was checked.</exception>
    public virtual Task<StripePaymentMethod> AttachAsync(string paymentMethodId, PaymentMethodAttachRequest request,
        string idempotencyKey, CancellationToken cancellationToken = default) =>
        sender.PostAsync<StripePaymentMethod>($"/v1/payment_methods/{StripeRequestSender.Segment(paymentMethodId)}/attach",
            request.ToForm(), idempotencyKey, cancellationToken);

    /// <summary>Reads a payment method.</summary>
    /// <param name="paymentMethodId"><c>pm_...</c></param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<StripePaymentMethod> RetrieveAsync(string paymentMethodId, CancellationToken cancellationToken = default) =>
        sender.GetAsync<StripePaymentMethod>($"/v1/payment_methods/{StripeRequestSender.Segment(paymentMethodId)}", null,
            cancellationToken);
}
