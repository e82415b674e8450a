using Azure.Data.Tables;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Http;
using BillingFunctions.App.Catalog;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>
/// Claims and releases on the stored subscription that go through, and then, on the n-th of them (counted together),
/// crash before the renewal could record the outcome.
/// </summary>
internal sealed class CrashingClaims(int crashAfter, BillingTables tables, SubscriptionStore subscriptions, TenantStripe stripe,
    TenantDirectory tenants)
    : PeriodClaims(tables, subscriptions, new CatalogStore(tables), new CustomerStore(tables), new CustomerStripeSync(stripe), tenants)
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public override async Task<RenewalEvent> ClaimAsync(TenantId tenant, ClaimPeriod claim, CancellationToken cancellationToken)
    {
        var claimed = await base.ClaimAsync(tenant, claim, cancellationToken);
        if (Interlocked.Increment(ref _calls) == crashAfter) throw new SimulatedCrash($"claim {claim.InstanceId}");
        return claimed;
    }

    public override async Task ReleaseAsync(TenantId tenant, SubscriptionId id, string instanceId, CancellationToken cancellationToken)
    {
        await base.ReleaseAsync(tenant, id, instanceId, cancellationToken);
        if (Interlocked.Increment(ref _calls) == crashAfter) throw new SimulatedCrash($"release {instanceId}");
    }
}
