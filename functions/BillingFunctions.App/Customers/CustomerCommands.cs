using BillingFunctions.App.Audit;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;

namespace BillingFunctions.App.Customers;

/// <summary>
/// Read-decide-write for customers with ETag retries. What Stripe must know is told to Stripe before it is written
/// here, so when Stripe refuses or fails, nothing of the change is kept and the caller hears why.
/// </summary>
public sealed class CustomerCommands(CustomerStore store, CustomerStripeSync stripe, TimeProvider time)
{
    /// <summary>Applies <paramref name="change"/> to the current customer; null result means not found or not visible.</summary>
    /// <param name="beforeWrite">Runs on the changed customer before it is written; what it throws leaves the row as it was.</param>
    public async Task<Result<CustomerSnapshot>?> ChangeAsync(Caller caller, CustomerId id, string action, Func<Customer, Result<string>> change,
        CancellationToken cancellationToken, Func<CustomerSnapshot, Task>? beforeWrite = null)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await store.GetAsync(caller.Tenant.Id, id, cancellationToken) is not var (before, etag)) return null;
            if (!caller.Actor.CanSee(before.Owner, before.OwnerTeam)) return null;
            var customer = Customer.Restore(before);
            var changed = change(customer);
            if (!changed.IsSuccess) return changed.Error!;
            var after = customer.ToSnapshot();
            if (beforeWrite is not null) await beforeWrite(after);
            var audit = new AuditEntry(time.GetUtcNow(), caller.Actor.User.Value, action, changed.Value, null, id);
            if (await store.TryWriteAsync(caller.Tenant.Id, before, etag, after, audit, cancellationToken)) return after;
        }
        throw new InvalidOperationException($"Customer {id} kept changing.");
    }

    /// <summary>
    /// An edit Stripe must carry too (name, email, address): made in Stripe first, then here. A customer not yet in
    /// Stripe (Stripe failed when it was created under older code) is created there first.
    /// </summary>
    /// <exception cref="Stripe.StripeException">Stripe refused or failed; the edit is not kept.</exception>
    public async Task<Result<CustomerSnapshot>?> ChangeInStripeAsync(Caller caller, CustomerId id, string action,
        Func<Customer, Result<string>> change,
        CancellationToken cancellationToken)
    {
        if (await store.GetAsync(caller.Tenant.Id, id, cancellationToken) is not var (current, _)
            || !caller.Actor.CanSee(current.Owner, current.OwnerTeam))
            return null;
        // A change we refuse anyway makes no Stripe customer.
        if (change(Customer.Restore(current)) is { IsSuccess: false } refused) return refused.Error!;
        await EnsureInStripeAsync(caller, current, cancellationToken);
        return await ChangeAsync(caller, id, action, change, cancellationToken, after => stripe.UpdateAsync(caller.Tenant, after, cancellationToken));
    }

    public async Task<CustomerSnapshot> EnsureInStripeAsync(Caller caller, CustomerSnapshot customer, CancellationToken cancellationToken)
    {
        if (customer.StripeCustomerId is not null) return customer;
        var stripeId = await stripe.EnsureCreatedAsync(caller.Tenant, customer, cancellationToken);
        var linked = await ChangeAsync(caller, customer.Id, "customer.stripe_linked",
            c => { c.LinkToStripe(stripeId); return stripeId; }, cancellationToken);
        return linked is { IsSuccess: true } ok ? ok.Value : customer with { StripeCustomerId = stripeId };
    }
}
