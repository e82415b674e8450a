using BillingFunctions.Adapters.Stripe;

namespace BillingFunctions.Adapters.Tests.Stripe;

/// <summary>The business steps of a charge, each with an idempotency key derived from one run id, as the app will.</summary>
internal sealed class BillingSteps(StripeClient client)
{
    public string Run { get; } = Guid.NewGuid().ToString("N");

    public string Key(string step) => $"test:{Run}:{step}";

    public async Task<StripeCustomer> CustomerWithCardAsync(string card)
    {
        var customer = await client.Customers.CreateAsync(
            new CustomerCreateRequest { Name = "Ada Lovelace", Email = $"{Run}@example.com", Metadata = new Dictionary<string, string> { ["run"] = Run } },
            Key("customer"));
        var paymentMethod = await client.PaymentMethods.AttachAsync(card, new PaymentMethodAttachRequest { Customer = customer.Id }, Key("attach"));
        return await client.Customers.UpdateAsync(customer.Id,
            new CustomerUpdateRequest { InvoiceSettings = new CustomerInvoiceSettingsRequest { DefaultPaymentMethod = paymentMethod.Id } },
            Key("default-card"));
    }

    public async Task<StripeInvoice> OpenInvoiceAsync(string customerId, long amount)
    {
        await client.InvoiceItems.CreateAsync(
            new InvoiceItemCreateRequest { Customer = customerId, Amount = amount, Currency = "eur", Description = "Consulting, November" },
            Key("item"));
        var draft = await client.Invoices.CreateAsync(
            new InvoiceCreateRequest { Customer = customerId, AutoAdvance = false, PendingInvoiceItemsBehavior = "include" },
            Key("invoice"));
        return await client.Invoices.FinalizeAsync(draft.Id, new InvoiceFinalizeRequest(), Key("finalize"));
    }
}
