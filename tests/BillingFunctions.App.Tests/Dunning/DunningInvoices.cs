using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Webhooks;
using Stripe;

namespace BillingFunctions.App.Tests.Dunning;

/// <summary>What a dunning test sets up in Stripe: customers with a card, invoices whose charge failed, and their events.</summary>
internal sealed class DunningInvoices(StripeAccount stripe)
{
    public StripeAccount Stripe => stripe;

    /// <summary>A Stripe customer of <paramref name="tenant"/>, marked as the CRM marks the customers it creates.</summary>
    public async Task<string> CustomerWithCardAsync(string card, string tenant)
    {
        var run = Guid.NewGuid().ToString("N");
        var customer = await Stripe.V1.Customers.CreateAsync(new CustomerCreateOptions
        {
            Name = "Ada Lovelace", Email = $"{run}@example.com",
            Metadata = new Dictionary<string, string> { [StripeEventOwnership.TenantMetadata] = tenant },
        }, Stripe.Write($"d:{run}:c"));
        await SetDefaultCardAsync(customer.Id, card);
        return customer.Id;
    }

    /// <summary>The customer fixes their card: a new default payment method.</summary>
    public async Task SetDefaultCardAsync(string customer, string card)
    {
        var run = Guid.NewGuid().ToString("N");
        var method = await Stripe.V1.PaymentMethods.AttachAsync(card, new PaymentMethodAttachOptions { Customer = customer },
            Stripe.Write($"d:{run}:pm"));
        await Stripe.V1.Customers.UpdateAsync(customer, new CustomerUpdateOptions
        {
            InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = method.Id },
        }, Stripe.Write($"d:{run}:default"));
    }

    /// <summary>
    /// A 25.00 EUR invoice whose first charge (with <paramref name="payWith"/>, else the default card) is declined; a
    /// renewal's when <paramref name="subscription"/> is given (named in metadata, as renewals do).
    /// </summary>
    public async Task<string> FailedInvoiceAsync(string customer, string? payWith = null, string? subscription = null)
    {
        var run = Guid.NewGuid().ToString("N");
        var invoice = await Stripe.V1.Invoices.CreateAsync(new InvoiceCreateOptions
        {
            Customer = customer, CollectionMethod = "charge_automatically", AutoAdvance = false, Currency = "eur",
            PendingInvoiceItemsBehavior = "exclude",
            Metadata = subscription is null ? null : new Dictionary<string, string> { [DunningSubscriptions.SubscriptionMetadata] = subscription },
        }, Stripe.Write($"d:{run}:in"));
        await Stripe.V1.InvoiceItems.CreateAsync(new InvoiceItemCreateOptions
        {
            Customer = customer, Invoice = invoice.Id, Amount = 2500, Currency = "eur", Description = "Plan",
        }, Stripe.Write($"d:{run}:ii"));
        await Stripe.V1.Invoices.FinalizeInvoiceAsync(invoice.Id, new InvoiceFinalizeOptions { AutoAdvance = false }, Stripe.Write($"d:{run}:fin"));
        await Assert.ThrowsAsync<StripeException>(() => Stripe.V1.Invoices.PayAsync(invoice.Id,
            new InvoicePayOptions { OffSession = true, PaymentMethod = payWith }, Stripe.Write($"d:{run}:pay")));
        return invoice.Id;
    }

    /// <summary>The emulator's event of this type for the invoice, as the webhook function hands it on.</summary>
    public async Task<Event> EventAsync(string type, string invoiceId)
    {
        var events = await Stripe.V1.Events.ListAsync(new EventListOptions { Type = type, Limit = 100 }, Stripe.Read());
        return events.Data.First(e => e.ObjectId() == invoiceId);
    }
}
