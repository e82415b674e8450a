using BillingFunctions.Adapters.Stripe;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;

namespace BillingFunctions.App.Customers;

/// <summary>Read-decide-write for customers with ETag retries, then the Stripe side.</summary>
public sealed class CustomerCommands(CustomerStore store, CustomerStripeSync stripe, TimeProvider time, ILogger<CustomerCommands> logger)
{
    /// <summary>Applies <paramref name="change"/> to the current customer; null result means not found or not visible.</summary>
    public async Task<Result<CustomerSnapshot>?> ChangeAsync(Caller caller, CustomerId id, string action, Func<Customer, Result<string>> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await store.GetAsync(caller.Tenant.Id, id, cancellationToken) is not var (before, etag)) return null;
            if (!caller.Actor.CanSee(before.Owner, before.OwnerTeam)) return null;
            var customer = Customer.Restore(before);
            var changed = change(customer);
            if (!changed.IsSuccess) return changed.Error!;
            var after = customer.ToSnapshot();
            var audit = new AuditEntry(time.GetUtcNow(), caller.Actor.User.Value, action, changed.Value, null, id);
            if (await store.TryWriteAsync(caller.Tenant.Id, before, etag, after, audit, cancellationToken)) return after;
        }
        throw new InvalidOperationException($"Customer {id} kept changing.");
    }

    /// <summary>
    /// Brings the Stripe customer up to date. A Stripe outage must not lose the CRM's edit, so failures are logged
    /// and the next change or invoice finalization syncs again.
    /// </summary>
    public async Task<CustomerSnapshot> SyncToStripeAsync(Caller caller, CustomerSnapshot customer, CancellationToken cancellationToken)
    {
        try
        {
            if (customer.StripeCustomerId is null)
            {
                var stripeId = await stripe.EnsureCreatedAsync(caller.Tenant, customer, cancellationToken);
                var linked = await ChangeAsync(caller, customer.Id, "customer.stripe_linked", c => { c.LinkToStripe(stripeId); return stripeId; }, cancellationToken);
                customer = linked is { IsSuccess: true } ok ? ok.Value : customer;
            }
            await stripe.UpdateAsync(caller.Tenant, customer, cancellationToken);
        }
        catch (StripeException e)
        {
            logger.LogWarning(e, "Could not sync customer {CustomerId} of tenant {TenantId} to Stripe", customer.Id, caller.Tenant.Id);
        }
        return customer;
    }

    public async Task<CustomerSnapshot> EnsureInStripeAsync(Caller caller, CustomerSnapshot customer, CancellationToken cancellationToken)
    {
        if (customer.StripeCustomerId is not null) return customer;
        var stripeId = await stripe.EnsureCreatedAsync(caller.Tenant, customer, cancellationToken);
        var linked = await ChangeAsync(caller, customer.Id, "customer.stripe_linked", c => { c.LinkToStripe(stripeId); return stripeId; }, cancellationToken);
        return linked is { IsSuccess: true } ok ? ok.Value : customer with { StripeCustomerId = stripeId };
    }
}
