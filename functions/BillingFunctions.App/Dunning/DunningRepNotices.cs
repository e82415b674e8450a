using System.Net;
using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// Tells the invoice's owner rep what dunning did: an entry on the invoice's CRM timeline always, and an email through
/// the outbox when the rep has an address in the tenant's user directory (the timeline entry says why not otherwise).
/// Both are keyed by the effect's key (the email's outbox key, the timeline's event row), so a repeated step tells
/// the rep once. Invoices the CRM did not create (no <c>billing_invoice_id</c> on the Stripe invoice) have no rep.
/// </summary>
public sealed class DunningRepNotices(TenantDirectory tenants, InvoiceStore invoices, UserDirectory users,
    EmailOutbox outbox, EmailAddress from, string messageIdDomain, ILogger<DunningRepNotices> logger)
{
    public async Task NotifyAsync(StripeAccount stripe, string tenantId, string stripeInvoiceId, NotifyRep effect,
        CancellationToken cancellationToken)
    {
        var seen = await stripe.V1.Invoices.GetAsync(stripeInvoiceId, null, stripe.Read(), cancellationToken).ConfigureAwait(false);
        var tenant = await tenants.GetAsync(new TenantId(tenantId), cancellationToken).ConfigureAwait(false);
        if (seen.Metadata?.GetValueOrDefault(StripeInvoiceEvents.InvoiceIdMetadata) is not { } ours || tenant is null
            || await invoices.GetAsync(tenant, new InvoiceId(ours), cancellationToken).ConfigureAwait(false) is not var (invoice, _))
        {
            logger.LogInformation("Rep notice {Notice} for Stripe invoice {StripeInvoiceId} skipped: no CRM invoice, so no owner rep",
                effect.Notice, stripeInvoiceId);
            return;
        }

        var rep = await users.GetAsync(tenant.Id, invoice.Owner, cancellationToken).ConfigureAwait(false);
        var (subject, text) = Content(effect.Notice, seen);
        string outcome;
        if (rep?.Email is { Length: > 0 } address)
        {
            var message = new EmailMessage(from, new EmailAddress(address, rep.Name), subject, text, $"<p>{WebUtility.HtmlEncode(text)}</p>",
                OutboxEmail.MessageIdFor(tenantId, effect.IdempotencyKey, messageIdDomain));
            await outbox.EnqueueAsync(new OutboxEmail(tenantId, effect.IdempotencyKey, message),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            outcome = $"emailed {invoice.Owner}";
        }
        else
        {
            outcome = rep is null ? $"not emailed: {invoice.Owner} is no longer in the user directory" : $"not emailed: {invoice.Owner} has no email";
        }
        await invoices.ChangeAsync(tenant, invoice.Id, _ => new List<InvoiceChange> { new("dunning." + Snake(effect.Notice), $"{text} ({outcome})") },
            "dunning", effect.IdempotencyKey, cancellationToken).ConfigureAwait(false);
    }

    private static (string Subject, string Text) Content(RepNotice notice, Stripe.Invoice invoice)
    {
        var number = invoice.Number ?? invoice.Id;
        return notice switch
        {
            RepNotice.PaymentFailed => ($"Payment failed: invoice {number}",
                $"The payment for invoice {number} failed; it is retried on the dunning schedule and the customer was emailed."),
            RepNotice.CardUpdateNeeded => ($"New card needed: invoice {number}",
                $"The card for invoice {number} was declined for good; the customer was asked for a new card."),
            RepNotice.Recovered => ($"Recovered: invoice {number}", $"Invoice {number} is paid after a failed payment."),
            RepNotice.Exhausted => ($"Unpaid after dunning: invoice {number}",
                $"Every attempt to collect invoice {number} failed; the final step of the tenant's dunning policy was taken."),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice, "Unknown rep notice."),
        };
    }

    private static string Snake(RepNotice notice) =>
        string.Concat(notice.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c)
            : char.ToLowerInvariant(c).ToString()));
}
