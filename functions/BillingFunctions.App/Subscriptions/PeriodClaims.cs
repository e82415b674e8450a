using System.Text.Json;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Catalog;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Subscriptions;

/// <summary>
/// The renewal's hold on the stored subscription. Claiming renews the stored subscription into the period and, in
/// the same transaction, adds a <c>rnw|{instance}</c> row with the period's lines and marks the row as held by the
/// instance; a retry after a crash finds that row and returns it again. Releasing clears the mark, which lets the
/// timer start the next period's renewal. So each period is renewed once, in order, from the subscription as it
/// stood at the claim.
/// </summary>
public class PeriodClaims(BillingTables tables, SubscriptionStore subscriptions, CatalogStore catalog, CustomerStore customers,
    CustomerStripeSync stripeCustomers, TenantDirectory tenants)
{
    private const int MaxAttempts = 25;

    public virtual async Task<RenewalEvent> ClaimAsync(TenantId tenant, ClaimPeriod claim, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            // The subscription first, the claim row second: the row is written in the subscription's transaction, so a
            // rival runner's claim seen in the subscription is also seen here. The other order let a runner miss the
            // row, then find the period gone and answer "nothing to bill" for a claimed period.
            var stored = await subscriptions.GetAsync(tenant, claim.Subscription, cancellationToken);
            var recorded = await tables.Billing.GetEntityOrNullAsync(tenant.Value, ClaimKey(claim.InstanceId), cancellationToken: cancellationToken);
            if (recorded is not null) return JsonSerializer.Deserialize<PeriodClaimed>(recorded.GetString("Claim")!, SubscriptionRow.Json)!;

            if (stored is null) return new NothingToClaim($"there is no subscription {claim.Subscription}");
            if (stored.RenewingInstance is { } holder && holder != claim.InstanceId) return new ClaimDeferred(holder);
            var subscription = Subscription.Restore(stored.Subscription);
            if (subscription.NextRenewalAt != claim.PeriodStart)
                return new NothingToClaim(subscription.NextRenewalAt is { } next
                    ? $"the subscription's next renewal is at {next:O}" : "the subscription is canceled");

            var stripeCustomer = await StripeCustomerAsync(tenant, stored.Subscription.Customer, cancellationToken);
            // A price change in the catalog reaches the subscription here, for the period it dates from.
            if (await catalog.GetPlanAsync(tenant, stored.Subscription.Plan.Id, cancellationToken) is var (current, _))
                subscription.RefreshPlan(current);
            // As of the period start, not the moment we got round to it: downtime changes nothing.
            var renewed = subscription.Renew(claim.PeriodStart);
            if (!renewed.IsSuccess) return new NothingToClaim(renewed.Error!.Message);
            var after = subscription.ToSnapshot();
            var claimed = new PeriodClaimed(stripeCustomer, renewed.Value, after.Collection, after.DaysUntilDue, after.Plan.Currency,
                subscription.NextRenewalAt);
            var row = new TableEntity(tenant.Value, ClaimKey(claim.InstanceId))
            {
                ["SubscriptionId"] = claim.Subscription.Value, ["PeriodStart"] = claim.PeriodStart,
                ["Claim"] = JsonSerializer.Serialize(claimed, SubscriptionRow.Json),
            };
            var total = renewed.Value.Lines.Sum(l => l.Amount.Minor);
            var audit = new AuditEntry(claim.PeriodStart, "system", "subscription.renewed",
                $"{claim.Subscription}: {renewed.Value.Period} billed {total} {after.Plan.Currency}", null, after.Customer);
            if (await subscriptions.TrySaveAsync(tenant, stored, after, claim.InstanceId, [audit],
                    [new TableTransactionAction(TableTransactionActionType.Add, row)], cancellationToken))
                return claimed;
            await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
        }
        throw new InvalidOperationException($"Subscription {claim.Subscription} kept changing while {claim.InstanceId} claimed its period.");
    }

    /// <summary>Lets go of the subscription if <paramref name="instanceId"/> still holds it; a repeat does nothing.</summary>
    public virtual async Task ReleaseAsync(TenantId tenant, SubscriptionId id, string instanceId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await subscriptions.GetAsync(tenant, id, cancellationToken) is not { } stored || stored.RenewingInstance != instanceId) return;
            if (await subscriptions.TrySaveAsync(tenant, stored, stored.Subscription, null, [], [], cancellationToken)) return;
            await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
        }
        throw new InvalidOperationException($"Subscription {id} kept changing while {instanceId} released it.");
    }

    private async Task<string> StripeCustomerAsync(TenantId tenantId, Domain.Invoices.CustomerId id, CancellationToken cancellationToken)
    {
        var (customer, _) = await customers.GetAsync(tenantId, id, cancellationToken)
            ?? throw new InvalidOperationException($"Customer {id} of tenant {tenantId} is missing; a subscription needs its customer.");
        if (customer.StripeCustomerId is { } known) return known;
        var tenant = await tenants.GetAsync(tenantId, cancellationToken) ?? throw new InvalidOperationException($"There is no tenant {tenantId}.");
        // Keyed by our customer id, so this finds the Stripe customer an earlier attempt or the CRM API made.
        return await stripeCustomers.EnsureCreatedAsync(tenant, customer, cancellationToken);
    }

    private static string ClaimKey(string instanceId) => "rnw|" + instanceId;
}
