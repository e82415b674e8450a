using BillingFunctions.Adapters.StripeApi;
using Stripe;

namespace BillingFunctions.Adapters.Tests.StripeApi;

/// <summary>The business steps of a charge, each with an idempotency key derived from one run id, as the app does.</summary>
internal sealed class BillingSteps(StripeAccount client)
{
    public string Run { get; } = Guid.NewGuid().ToString("N");

    public string Key(string step) => $"test:{Run}:{step}";

    public async Task<Customer> CustomerWithCardAsync(string card)
    {
        var customer = await client.V1.Customers.CreateAsync(
            new CustomerCreateOptions { Name = "Ada Lovelace", Email = $"{Run}@example.com",
                Metadata = new Dictionary<string, string> { ["run"] = Run } },
            client.Write(Key("customer")));
        var paymentMethod = await client.V1.PaymentMethods.AttachAsync(card, new PaymentMethodAttachOptions { Customer = customer.Id },
            client.Write(Key("attach")));
        return await client.V1.Customers.UpdateAsync(customer.Id,
            new CustomerUpdateOptions { InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = paymentMethod.Id } },
            client.Write(Key("default-card")));
    }

    public async Task<Invoice> OpenInvoiceAsync(string customerId, long amount)
    {
        await client.V1.InvoiceItems.CreateAsync(
            new InvoiceItemCreateOptions { Customer = customerId, Amount = amount, Currency = "eur", Description = "Consulting, November" },
            client.Write(Key("item")));
        var draft = await client.V1.Invoices.CreateAsync(
            new InvoiceCreateOptions { Customer = customerId, AutoAdvance = false, PendingInvoiceItemsBehavior = "include" },
            client.Write(Key("invoice")));
        return await client.V1.Invoices.FinalizeInvoiceAsync(draft.Id, new InvoiceFinalizeOptions(), client.Write(Key("finalize")));
    }
}
