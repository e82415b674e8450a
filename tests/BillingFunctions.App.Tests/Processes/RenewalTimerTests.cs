using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>The find-due-renewals timer and the claim on the stored subscription, on Azurite and the emulator.</summary>
public class RenewalTimerTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset[] JanToMar = [Jan1, Jan1.AddMonths(1), Jan1.AddMonths(2)];
    private static readonly TenantId Tenant = new(RenewalHarness.Tenant);

    [Fact]
    public async Task Timers_running_at_once_start_one_renewal_per_subscription_and_bill_each_missed_period_once_in_order()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddMonths(2).AddDays(14));
        await using var harness = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, clock);
        await using var other = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, clock);
        var customers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var customer = await harness.CustomerWithCardAsync();
            customers.Add(customer);
            await harness.StoreAsync(RenewalHarness.MonthlySubscription($"sub_timer{i}", Jan1), customer);
        }

        var started = await Task.WhenAll(harness.StartDueAsync(), other.StartDueAsync());
        // Both may report a start they raced for; the task hub keeps one instance of an id, and runs it once.
        Assert.InRange(started.Sum(), 4, 8);
        // Timers keep firing while the renewals run: a subscription held by its renewal, or not yet due, starts nothing.
        await Task.WhenAll(harness.RunUntilQuietAsync(), other.RunUntilQuietAsync(),
            harness.StartDueAsync(), other.StartDueAsync());
        await harness.RunUntilQuietAsync();
        Assert.Equal(0, await harness.StartDueAsync());

        foreach (var customer in customers)
        {
            await RenewalAssertions.AssertOneInvoicePerPeriodAsync(harness, emulator, customer, JanToMar);
            var oldestFirst = (await harness.InvoicesAsync(customer)).Reverse().Select(i => long.Parse(i.Metadata!["period_start"])).ToList();
            Assert.Equal(oldestFirst.Order(), oldestFirst);
        }
        var stored = (await harness.Subscriptions.GetAsync(Tenant, new SubscriptionId("sub_timer0"), CancellationToken.None))!;
        Assert.Equal(Jan1.AddMonths(3), Subscription.Restore(stored.Subscription).NextRenewalAt);
        Assert.Null(stored.RenewingInstance);
    }

    [Fact]
    public async Task A_change_stored_before_the_claim_is_billed_in_that_period_and_one_after_it_on_the_next_invoice()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddHours(1));
        await using var harness = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, clock);
        var customer = await harness.CustomerWithCardAsync();
        var id = new SubscriptionId("sub_changes");
        await harness.StoreAsync(RenewalHarness.MonthlySubscription(id.Value, Jan1), customer);
        await harness.StartDueAsync();
        await harness.RunUntilQuietAsync();

        // In January: three seats from February. In February, after its claim: four seats from the 15th, half the period.
        await harness.Subscriptions.ChangeAsync(Tenant, id, "rep", "subscription.changed",
            s => s.ChangeAtPeriodEnd(s.Plan, 3, Jan1.AddDays(10)) is { IsSuccess: true } ? "3 seats" : "refused", CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(31));
        await harness.RunUntilQuietAsync();
        await harness.Subscriptions.ChangeAsync(Tenant, id, "rep", "subscription.changed",
            s => s.ChangeNow(s.Plan, 4, Jan1.AddMonths(1).AddDays(14)) is { IsSuccess: true } ? "4 seats" : "refused", CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(28));
        await harness.RunUntilQuietAsync();

        var totals = (await harness.InvoicesAsync(customer)).Reverse().Select(i => (i.Metadata!["period_start"], i.Total)).ToList();
        Assert.Equal(
        [
            (Jan1.ToUnixTimeSeconds().ToString(), 2000L),
            (Jan1.AddMonths(1).ToUnixTimeSeconds().ToString(), 3000L),
            // 4 × 1000 for March, minus 1500 unused of 3 seats and plus 2000 for 4 seats over the second half of February.
            (Jan1.AddMonths(2).ToUnixTimeSeconds().ToString(), 4500L),
        ], totals.Select(t => (t.Item1, (long)t.Total!)));
    }

    [Fact]
    public async Task Paused_subscription_is_renewed_without_invoices_and_keeps_its_rhythm()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddHours(1));
        await using var harness = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, clock);
        var customer = await harness.CustomerWithCardAsync();
        var id = new SubscriptionId("sub_paused");
        await harness.StoreAsync(RenewalHarness.MonthlySubscription(id.Value, Jan1), customer);
        await harness.StartDueAsync();
        await harness.RunUntilQuietAsync();

        Assert.True(await harness.Subscriptions.PauseAsync(Tenant, id, Jan1.AddDays(3), CancellationToken.None));
        clock.Advance(TimeSpan.FromDays(74));
        await harness.StartDueAsync();
        await harness.RunUntilQuietAsync();

        Assert.Single(await harness.InvoicesAsync(customer));
        var stored = (await harness.Subscriptions.GetAsync(Tenant, id, CancellationToken.None))!.Subscription;
        Assert.Equal(SubscriptionStatus.Paused, stored.Status);
        Assert.Equal(new BillingPeriod(Jan1.AddMonths(2), Jan1.AddMonths(3)), stored.CurrentPeriod);
        var march = await harness.InstanceAsync(RenewalState.InstanceIdFor(id, Jan1.AddMonths(2)));
        Assert.Equal("nothing to bill in this period", RenewalHarness.StateOf(march).Outcome);
    }
}
