using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.Email.Templates;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Notifications;
using BillingFunctions.Domain.Reminders;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Reminders;

/// <summary>
/// Puts one reminder on the outbox. The invoice is read from the tenant's Stripe account each time, so the email
/// shows what is still due, and an invoice already paid, voided or written off gets nothing even before its webhook
/// stops the process. An invoice the CRM holds skips the reminder (the hold stops reminders, not the clock).
/// </summary>
public sealed partial class ReminderEmails(TenantDirectory tenants, TenantStripe stripe, InvoiceStore invoices, EmailOutbox outbox,
    CustomerEmailComposer composer, EmailAddress from, ILogger<ReminderEmails> logger)
{
    public async Task EnqueueAsync(string tenantId, string stripeInvoiceId, SendReminder effect, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(new TenantId(tenantId), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Tenant {tenantId} is not in the directory.");
        var client = stripe.For(tenant);
        var invoice = await client.V1.Invoices.GetAsync(stripeInvoiceId, null, client.Read(), cancellationToken).ConfigureAwait(false);
        if (invoice.Status != "open")
        {
            LogNotOpen(logger, stripeInvoiceId, invoice.Status, effect.IdempotencyKey);
            return;
        }
        if (invoice.Metadata?.GetValueOrDefault(StripeInvoiceEvents.InvoiceIdMetadata) is { } ours
            && await invoices.GetAsync(tenant, new InvoiceId(ours), cancellationToken).ConfigureAwait(false) is { Invoice.OnHold: true })
        {
            LogHeld(logger, stripeInvoiceId, effect.IdempotencyKey);
            return;
        }
        var customer = invoice.CustomerId is { } id ? await client.V1.Customers.GetAsync(id, null, client.Read(), cancellationToken)
            .ConfigureAwait(false) : null;
        if (customer?.Email is not { Length: > 0 } address)
        {
            // Retrying cannot conjure an address: skip this reminder rather than fail the step for ever.
            LogNoAddress(logger, stripeInvoiceId, effect.IdempotencyKey);
            return;
        }
        var page = invoice.HostedInvoiceUrl is { } url ? new Uri(url) : null;
        var zone = tenant.Calendar.TimeZone;
        var model = new EmailModel(customer.Name ?? address, tenant.Name, invoice.Number ?? invoice.Id,
            new Money(invoice.AmountRemaining, Currency.Parse(invoice.Currency)), page, null, zone,
            invoice.DueDate is { } due ? tenant.Calendar.Today(new DateTimeOffset(DateTime.SpecifyKind(due, DateTimeKind.Utc))) : null,
                DaysFromDue: effect.DaysFromDue);
        var email = composer.Compose(new TenantSender(tenant.Id.Value, from), new EmailAddress(address, customer.Name),
            EmailKind.OverdueReminder, effect.IdempotencyKey, model);
        await outbox.EnqueueAsync(email, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoice {StripeInvoiceId} is {Status}, not open: reminder {Key} not sent")]
    private static partial void LogNotOpen(ILogger logger, string stripeInvoiceId, string? status, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoice {StripeInvoiceId} is on hold: reminder {Key} skipped")]
    private static partial void LogHeld(ILogger logger, string stripeInvoiceId, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invoice {StripeInvoiceId} has no customer email: reminder {Key} skipped")]
    private static partial void LogNoAddress(ILogger logger, string stripeInvoiceId, string key);
}
