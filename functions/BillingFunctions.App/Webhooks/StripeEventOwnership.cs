using System.Collections.Concurrent;
using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Tenancy;
using Stripe;

namespace BillingFunctions.App.Webhooks;

/// <summary>
/// Decides whether a received event concerns the tenant whose route it came in on. Tenants can share one Stripe
/// account (every tenant on the local stack; tenants on the platform's own account in production), and Stripe sends
/// each of the account's events to each of its endpoints, so the route alone does not say whose event it is.
/// </summary>
/// <remarks>
/// What we create in Stripe carries <see cref="TenantMetadata"/>: customers, invoices and invoice items. An object
/// without it (a charge, a payment intent, an invoice Stripe made itself) is traced to its customer, or failing that
/// to its invoice, read from Stripe with the tenant's own client. What cannot be traced to the tenant is not theirs:
/// an event is applied only where ownership is shown.
/// </remarks>
public sealed class StripeEventOwnership(TenantDirectory tenants, Func<string, CancellationToken, Task<StripeAccount>> stripeFor)
{
    public const string TenantMetadata = "billing_tenant_id";

    // Who owns a customer never changes once we created it; a bounded memo spares a Stripe read per payment event.
    private const int MemoLimit = 10_000;
    private readonly ConcurrentDictionary<(string Tenant, string Customer), string> _customerOwners = new();

    /// <summary>Null when the event concerns <paramref name="tenantId"/>; otherwise why it is ignored there.</summary>
    public async Task<string?> WhyNotOursAsync(string tenantId, Event stripeEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        if (stripeEvent.Data?.Object is not { } obj) return "the event carries no object we read";

        var tenant = await tenants.GetAsync(new TenantId(tenantId), cancellationToken).ConfigureAwait(false);
        if (stripeEvent.Account is { Length: > 0 } account && tenant is not null && account != tenant.StripeAccount)
            return $"it is an event of Stripe account {account}, and the tenant " +
                $"{(tenant.StripeAccount is null ? "is not on Connect" : $"uses {tenant.StripeAccount}")}";

        var what = $"{obj.Object ?? "object"} {(obj as IHasId)?.Id}";
        if ((obj as IHasMetadata)?.Metadata?.GetValueOrDefault(TenantMetadata) is { Length: > 0 } named)
            return Verdict(tenantId, named, $"its {what}");

        if (CustomerOf(obj) is { Length: > 0 } customer)
            return await CustomerVerdictAsync(tenantId, customer, cancellationToken).ConfigureAwait(false);

        if (InvoiceOf(obj) is { Length: > 0 } invoiceId)
        {
            var client = await stripeFor(tenantId, cancellationToken).ConfigureAwait(false);
            Invoice invoice;
            try
            {
                invoice = await client.V1.Invoices.GetAsync(invoiceId, null, client.Read(), cancellationToken).ConfigureAwait(false);
            }
            catch (StripeException e) when (e.IsNotFound())
            {
                return $"its invoice {invoiceId} is not in the tenant's Stripe account";
            }
            if (invoice.Metadata?.GetValueOrDefault(TenantMetadata) is { } invoiceOwner)
                return Verdict(tenantId, invoiceOwner, $"its invoice {invoiceId}");
            if (invoice.CustomerId is { } invoiceCustomer)
                return await CustomerVerdictAsync(tenantId, invoiceCustomer, cancellationToken).ConfigureAwait(false);
        }
        return $"nothing in its {obj.Object ?? "object"} names a tenant, customer or invoice of ours";
    }

    private async Task<string?> CustomerVerdictAsync(string tenant, string customerId, CancellationToken cancellationToken)
    {
        if (!_customerOwners.TryGetValue((tenant, customerId), out var owner))
        {
            var client = await stripeFor(tenant, cancellationToken).ConfigureAwait(false);
            Customer customer;
            try
            {
                customer = await client.V1.Customers.GetAsync(customerId, null, client.Read(), cancellationToken).ConfigureAwait(false);
            }
            catch (StripeException e) when (e.IsNotFound())
            {
                return $"its customer {customerId} is not in the tenant's Stripe account";
            }
            if (customer.Metadata?.GetValueOrDefault(TenantMetadata) is not { Length: > 0 } named)
                return $"its customer {customerId} carries no {TenantMetadata}: not a customer we created";
            owner = named;
            if (_customerOwners.Count >= MemoLimit) _customerOwners.Clear();
            _customerOwners[(tenant, customerId)] = owner;
        }
        return Verdict(tenant, owner, $"its customer {customerId}");
    }

    private static string? Verdict(string tenant, string owner, string what) =>
        owner == tenant ? null : $"{what} belongs to tenant {owner}";

    /// <summary>The customer an object is about, for the objects whose events we receive.</summary>
    private static string? CustomerOf(IHasObject obj) => obj switch
    {
        Customer customer => customer.Id,
        Invoice invoice => invoice.CustomerId,
        InvoiceItem item => item.CustomerId,
        Charge charge => charge.CustomerId,
        PaymentIntent intent => intent.CustomerId,
        PaymentMethod method => method.CustomerId,
        SetupIntent setup => setup.CustomerId,
        CreditNote note => note.CustomerId,
        _ => null,
    };

    /// <summary>The invoice an object belongs to, for objects that name no customer of their own.</summary>
    private static string? InvoiceOf(IHasObject obj) => obj switch
    {
        InvoicePayment payment => payment.InvoiceId,
        InvoiceItem item => item.InvoiceId,
        CreditNote note => note.InvoiceId,
        _ => null,
    };
}
