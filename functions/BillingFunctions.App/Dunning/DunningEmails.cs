using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.Email.Templates;
using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Notifications;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// Puts a dunning email on the outbox. The invoice and the customer's address are read from Stripe each time,
/// so the email shows the amount still due; the outbox sends one email per idempotency key however often the
/// step repeats. The link is the hosted invoice page, where the customer can pay with a new card too.
/// </summary>
public sealed class DunningEmails(EmailOutbox outbox, CustomerEmailComposer composer, EmailAddress from)
{
    public async Task EnqueueAsync(StripeAccount stripe, string tenant, string invoiceId, SendEmail effect, CancellationToken cancellationToken)
    {
        var invoice = await stripe.V1.Invoices.GetAsync(invoiceId, null, stripe.Read(), cancellationToken).ConfigureAwait(false);
        var customer = invoice.CustomerId is { } id ? await stripe.V1.Customers.GetAsync(id, null, stripe.Read(), cancellationToken)
            .ConfigureAwait(false) : null;
        if (customer?.Email is not { Length: > 0 } address)
            throw new InvalidOperationException($"Invoice {invoiceId} has no customer email to chase.");
        var page = invoice.HostedInvoiceUrl is { } url ? new Uri(url) : null;
        var model = new EmailModel(customer.Name ?? address, tenant, invoice.Number ?? invoice.Id,
            new Money(invoice.AmountRemaining, Currency.Parse(invoice.Currency)), page, page, TimeZoneInfo.Utc);
        var email = composer.Compose(new TenantSender(tenant, from), new EmailAddress(address, customer.Name), effect.Kind,
            effect.IdempotencyKey, model);
        await outbox.EnqueueAsync(email, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
