using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.Domain.Dunning;
using Stripe;

namespace BillingFunctions.Adapters.Dunning;

/// <summary>
/// Performs the Stripe side of dunning effects with the effect's idempotency key, and turns each charge outcome
/// into the event the process decides on next. Repeating an effect (after a crash) is harmless: Stripe replays
/// the first answer for the same key, and an invoice that is already paid or closed is reported as such.
/// Thread-safe.
/// </summary>
public class StripeDunningActions
{
    private readonly StripeAccount _stripe = null!;

    /// <summary>For mocking only.</summary>
    protected StripeDunningActions()
    {
    }

    /// <summary>Creates the actions for one Stripe account.</summary>
    public StripeDunningActions(StripeAccount stripe) => _stripe = stripe;

    /// <summary>Charges the invoice off-session; returns <see cref="InvoicePaid"/>, <see cref="InvoiceVoided"/> or
    /// <see cref="PaymentFailed"/>.</summary>
    public virtual async Task<DunningEvent> RetryChargeAsync(string invoiceId, RetryCharge effect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(effect);
        try
        {
            var invoice = await _stripe.V1.Invoices.PayAsync(invoiceId, new InvoicePayOptions { OffSession = true },
                _stripe.Write(effect.IdempotencyKey),
                cancellationToken).ConfigureAwait(false);
            return invoice.Status == "paid" ? new InvoicePaid() : new PaymentFailed(null);
        }
        catch (StripeException declined) when (declined.IsCardError())
        {
            return new PaymentFailed(declined.DeclineCode());
        }
        catch (StripeException refused) when (refused.IsInvalidRequest() && refused.Code() is "invoice_already_paid" or "invoice_not_editable")
        {
            // Paid on the hosted page or voided meanwhile: the process stops instead of failing.
            var invoice = await _stripe.V1.Invoices.GetAsync(invoiceId, null, _stripe.Read(), cancellationToken).ConfigureAwait(false);
            if (invoice.Status == "paid") return new InvoicePaid();
            if (invoice.Status == "void") return new InvoiceVoided();
            throw;
        }
    }

    /// <summary>Marks the invoice uncollectible; an invoice already uncollectible, paid or void is left as it is.</summary>
    public virtual async Task MarkUncollectibleAsync(string invoiceId, MarkUncollectible effect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(effect);
        try
        {
            await _stripe.V1.Invoices.MarkUncollectibleAsync(invoiceId, null, _stripe.Write(effect.IdempotencyKey),
                cancellationToken).ConfigureAwait(false);
        }
        catch (StripeException refused) when (refused.IsInvalidRequest() && refused.Code() == "invoice_not_editable")
        {
            var invoice = await _stripe.V1.Invoices.GetAsync(invoiceId, null, _stripe.Read(), cancellationToken).ConfigureAwait(false);
            if (invoice.Status is not ("uncollectible" or "paid" or "void"))
                throw;
        }
    }
}
