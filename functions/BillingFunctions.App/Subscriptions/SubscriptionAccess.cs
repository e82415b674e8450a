using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Subscriptions;

/// <summary>A subscription the caller may see: their tenant's, of a customer whose owner they can see.</summary>
public sealed record VisibleSubscription(TenantId Tenant, StoredSubscription Stored);

/// <summary>Finds subscriptions for the caller and runs their commands; others' subscriptions are "not found".</summary>
public sealed class SubscriptionAccess(SubscriptionStore store, CustomerStore customers)
{
    public async Task<VisibleSubscription?> FindAsync(Caller caller, string subscriptionId, CancellationToken cancellationToken)
    {
        var actor = caller.Actor;
        if (await store.GetAsync(actor.Tenant, new SubscriptionId(subscriptionId), cancellationToken) is not { } stored) return null;
        return await customers.GetAsync(actor.Tenant, stored.Subscription.Customer, cancellationToken) is var (customer, _)
            && actor.CanSee(customer.Owner, customer.OwnerTeam)
            ? new VisibleSubscription(actor.Tenant, stored)
            : null;
    }

    /// <summary>Applies <paramref name="change"/> (its result is the audit detail) and answers with the subscription or the problem.</summary>
    public async Task<IResult> RunAsync(Caller caller, string subscriptionId, string action, Func<Subscription, Result<string>> change,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(caller, subscriptionId, cancellationToken) is not { } found) return Problems.NotFound($"subscription {subscriptionId}");
        var outcome = await store.ChangeAsync(found.Tenant, found.Stored.Subscription.Id, caller.Actor.User.Value, action, change, cancellationToken);
        if (outcome is not { } result) return Problems.NotFound($"subscription {subscriptionId}");
        return result.IsSuccess ? TypedResults.Ok(SubscriptionResponse.From(result.Value)) : Problems.From(result.Error!);
    }
}
