using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.Email.Templates;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Notifications;

namespace BillingFunctions.App.MonthEnd;

/// <summary>
/// Performs month-end invoicing's effects through <see cref="MonthEndInvoiceActions"/> and the email outbox (which sends
/// one email per key however often an effect repeats). Dependencies are made on first use, so the app starts before
/// storage or Stripe is configured.
/// </summary>
public class MonthEndInvoicingEffects(Lazy<MonthEndInvoiceActions> actions, Lazy<EmailOutbox> outbox, CustomerEmailComposer composer,
    EmailAddress from)
{
    /// <summary>Performs one effect and returns its outcome, which the process decides on next.</summary>
    public virtual async Task<MonthEndInvoicingEvent> PerformAsync(string tenant, MonthEndInvoicingEffect effect,
        CancellationToken cancellationToken)
    {
        var run = actions.Value;
        var owner = await run.TenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        var state = effect.Process;
        return effect switch
        {
            CreateCrmInvoice => await run.CreateCrmInvoiceAsync(owner, state, cancellationToken).ConfigureAwait(false),
            FinalizeInStripe => await run.FinalizeAsync(owner, state, cancellationToken).ConfigureAwait(false),
            ChargeDefaultCard pay => await run.ChargeAsync(owner, state, pay.IdempotencyKey, cancellationToken).ConfigureAwait(false),
            RecordEntryInvoiced => await run.RecordInvoicedAsync(owner, state, cancellationToken).ConfigureAwait(false),
            QueueInvoiceEmail email => await QueueEmailAsync(owner, state, email.IdempotencyKey, cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidOperationException($"No way to perform {effect.GetType().Name}."),
        };
    }

    /// <summary>
    /// The customer's copy of the invoice: a receipt with the invoice link when the card paid it, the invoice to pay
    /// when it was declined. No address on the entry: nobody to write to, and nothing to retry.
    /// </summary>
    private async Task<MonthEndInvoicingEvent> QueueEmailAsync(Tenant tenant, MonthEndInvoicingState state, string key,
        CancellationToken cancellationToken)
    {
        var entry = await actions.Value.EntryAsync(tenant, state, cancellationToken).ConfigureAwait(false);
        if (entry.BillingDetails.Email is not { Length: > 0 } address) return new InvoiceEmailQueued();
        var invoice = await actions.Value.InvoiceAsync(tenant, state, cancellationToken).ConfigureAwait(false);
        var link = invoice.HostedInvoiceUrl is { } url ? new Uri(url) : null;
        var model = new EmailModel(entry.BillingDetails.Name, tenant.Name, invoice.Number ?? invoice.Id.Value,
            new Money(state.AmountMinor, state.Currency), link, null, tenant.Calendar.TimeZone);
        var kind = state.Paid == true ? EmailKind.PaymentReceived : EmailKind.InvoiceSent;
        var email = composer.Compose(new TenantSender(tenant.Id.Value, from), new EmailAddress(address, entry.BillingDetails.Name), kind, key, model);
        await outbox.Value.EnqueueAsync(email, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new InvoiceEmailQueued();
    }
}
