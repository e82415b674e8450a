using System.Text.Json;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>
/// Two runners perform the same claim when a sweep's copy of a wake-up overlaps the original. Whatever the order of
/// their reads, both must come back with the one claim, never "nothing to bill": the runner that saves its step
/// decides what the renewal does next.
/// </summary>
public class PeriodClaimRaceTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_claim_that_reads_the_subscription_just_after_a_rival_claimed_it_returns_the_rivals_claim()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        await using var harness = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, new FakeTimeProvider(Jan1.AddDays(3)));
        var subscription = RenewalHarness.MonthlySubscription("sub_race", Jan1);
        await harness.StoreAsync(subscription, "cus_race");
        var renewal = RenewalState.Start(subscription);
        var claim = new ClaimPeriod($"{renewal.InstanceId}:0", renewal.InstanceId, subscription.Id, Jan1);
        var tenant = new TenantId(RenewalHarness.Tenant);

        RenewalEvent? rivals = null;
        var late = harness.ClaimsReadingThrough(new RivalClaimsFirst(harness,
            async () => rivals = await harness.Claims.ClaimAsync(tenant, claim, CancellationToken.None)));
        var mine = await late.ClaimAsync(tenant, claim, CancellationToken.None);

        var claimed = Assert.IsType<PeriodClaimed>(rivals);
        Assert.Equal(JsonSerializer.Serialize(claimed), JsonSerializer.Serialize(Assert.IsType<PeriodClaimed>(mine)));
        Assert.Equal(Jan1, claimed.Invoice.Period.Start);
        var stored = await harness.Subscriptions.GetAsync(tenant, subscription.Id, CancellationToken.None);
        Assert.Equal(renewal.InstanceId, stored!.RenewingInstance);
        Assert.Equal(Jan1.AddMonths(1), Subscription.Restore(stored.Subscription).NextRenewalAt);
    }

    /// <summary>Lets the rival's whole claim happen just before the first read of the subscription.</summary>
    private sealed class RivalClaimsFirst(RenewalHarness harness, Func<Task> rival) : SubscriptionStore(harness.Tables, TimeProvider.System)
    {
        private Func<Task>? _pending = rival;

        public override async Task<StoredSubscription?> GetAsync(TenantId tenant, SubscriptionId id, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _pending, null) is { } run) await run();
            return await base.GetAsync(tenant, id, cancellationToken);
        }
    }
}
