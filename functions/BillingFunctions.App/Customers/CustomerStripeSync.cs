using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Customers;
using Stripe;

namespace BillingFunctions.App.Customers;

/// <summary>
/// Keeps the Stripe customer in step with ours. Idempotency keys come from our id and version, so a retried sync
/// of one version never creates a second Stripe customer or applies an update twice.
/// </summary>
public sealed class CustomerStripeSync(TenantStripe stripe)
{
    public async Task<string> EnsureCreatedAsync(Tenant tenant, CustomerSnapshot customer, CancellationToken cancellationToken)
    {
        if (customer.StripeCustomerId is { } existing) return existing;
        var account = stripe.For(tenant);
        var created = await account.V1.Customers.CreateAsync(new CustomerCreateOptions
        {
            Name = customer.Name, Email = customer.Email, Address = Address(customer.Address),
            Metadata = new Dictionary<string, string> { [Webhooks.StripeEventOwnership.TenantMetadata] = tenant.Id.Value,
                ["billing_customer_id"] = customer.Id.Value },
        }, account.Write($"{tenant.Id}:{customer.Id}:create"), cancellationToken);
        return created.Id;
    }

    public Task UpdateAsync(Tenant tenant, CustomerSnapshot customer, CancellationToken cancellationToken)
    {
        var account = stripe.For(tenant);
        return account.V1.Customers.UpdateAsync(customer.StripeCustomerId!, new CustomerUpdateOptions
        {
            Name = customer.Name, Email = customer.Email, Address = Address(customer.Address),
            InvoiceSettings = customer.DefaultPaymentMethod is { } pm ? new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = pm } : null,
        }, account.Write($"{tenant.Id}:{customer.Id}:v{customer.Version}"), cancellationToken);
    }

    /// <summary>Attaches a payment method; a test token such as pm_card_visa comes back as a new pm_... id.</summary>
    public Task<PaymentMethod> AttachPaymentMethodAsync(Tenant tenant, CustomerSnapshot customer, string paymentMethodId,
        CancellationToken cancellationToken)
    {
        var account = stripe.For(tenant);
        return account.V1.PaymentMethods.AttachAsync(paymentMethodId, new PaymentMethodAttachOptions { Customer = customer.StripeCustomerId! },
            account.Write($"{tenant.Id}:{customer.Id}:attach:{paymentMethodId}"), cancellationToken);
    }

    private static AddressOptions? Address(BillingAddress? a) => a is null ? null
        : new AddressOptions { Line1 = a.Line1, Line2 = a.Line2, PostalCode = a.PostalCode, City = a.City, Country = a.Country };
}
