using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Subscriptions;
using Microsoft.DurableTask.Client;
using BillingFunctions.App.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>Renewal orchestrations on the task hub: starts, missed periods, and crashes after every side effect.</summary>
public class RenewalRuntimeTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset[] JanToMar = [Jan1, Jan1.AddMonths(1), Jan1.AddMonths(2)];

    [Fact]
    public async Task Second_start_of_the_same_renewal_is_a_no_op()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        await using var harness = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, new FakeTimeProvider(Jan1.AddDays(-1)));
        var renewal = RenewalState.Start(RenewalHarness.MonthlySubscription("sub_twice", Jan1));

        Assert.True(await harness.StartRenewalAsync(renewal));
        var first = await harness.InstanceAsync(renewal.InstanceId);
        Assert.False(await harness.StartRenewalAsync(renewal with { DueAt = Jan1.AddDays(3) }));

        var after = await harness.InstanceAsync(renewal.InstanceId);
        Assert.Equal((first.State, first.WakeAt), (after.State, after.WakeAt));
        Assert.Equal(Jan1, after.WakeAt);
        Assert.Equal(1, await DurableProcesses.CountAsync(harness.Durable, $"{RenewalHarness.Tenant}|"));
    }

    [Fact]
    public async Task Missed_periods_after_downtime_are_billed_once_each_in_order_and_the_next_waits()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddMonths(2).AddDays(14));
        await using var harness = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, clock);
        var customer = await harness.CustomerWithCardAsync();
        await harness.StartAsync(RenewalHarness.MonthlySubscription("sub_downtime", Jan1), customer);

        await harness.RunUntilQuietAsync();

        await RenewalAssertions.AssertOneInvoicePerPeriodAsync(harness, emulator, customer, JanToMar);
        var invoices = await harness.InvoicesAsync(customer);
        var oldestFirst = invoices.Reverse().Select(i => long.Parse(i.Metadata!["period_start"])).ToList();
        Assert.Equal(oldestFirst.Order(), oldestFirst);
        var april = await harness.InstanceAsync(RenewalState.InstanceIdFor(new("sub_downtime"), Jan1.AddMonths(3)));
        Assert.Equal((OrchestrationRuntimeStatus.Running, Jan1.AddMonths(3)), (april.Status, april.WakeAt));
        Assert.Equal(RenewalPhase.Waiting, RenewalHarness.StateOf(april).Phase);
    }

    [Fact]
    public async Task Crash_after_any_stripe_call_then_the_retried_activity_bills_each_period_exactly_once()
    {
        // Three periods × (create invoice, one line, finalize, pay) = 12 side effects on Stripe.
        for (var crashAfter = 1; crashAfter <= 12; crashAfter++)
        {
            var storage = await RenewalHarness.NewStorageAsync();
            var clock = new FakeTimeProvider(Jan1.AddMonths(2).AddDays(14));
            var crashing = new CrashingHandler(crashAfter);
            await using var harness = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, clock, crashing);
            var customer = await RenewalHarness.CustomerWithCardAsync(emulator.BaseUrl);
            await harness.StartAsync(RenewalHarness.MonthlySubscription($"sub_crash{crashAfter}", Jan1), customer);

            await harness.RunUntilQuietAsync();

            Assert.True(crashing.Posts > crashAfter, $"the crash after POST {crashAfter} should have happened and been retried");
            await RenewalAssertions.AssertOneInvoicePerPeriodAsync(harness, emulator, customer, JanToMar);
        }
    }

    [Fact]
    public async Task Crash_after_any_claim_or_release_on_the_stored_subscription_then_the_retry_bills_each_period_exactly_once()
    {
        // Three periods × (claim, release) = 6 writes to the subscription row.
        for (var crashAfter = 1; crashAfter <= 6; crashAfter++)
        {
            var storage = await RenewalHarness.NewStorageAsync();
            var clock = new FakeTimeProvider(Jan1.AddMonths(2).AddDays(14));
            await using var harness = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, clock, crashClaimsAfter: crashAfter);
            var customer = await harness.CustomerWithCardAsync();
            var id = $"sub_claimcrash{crashAfter}";
            await harness.StartAsync(RenewalHarness.MonthlySubscription(id, Jan1), customer);

            await harness.RunUntilQuietAsync();

            Assert.True(((CrashingClaims)harness.Claims).Calls > crashAfter,
                $"the crash after claim or release {crashAfter} should have happened and been retried");
            await RenewalAssertions.AssertOneInvoicePerPeriodAsync(harness, emulator, customer, JanToMar);
            var stored = (await harness.Subscriptions.GetAsync(new(RenewalHarness.Tenant), new(id), CancellationToken.None))!;
            Assert.Equal(new BillingPeriod(Jan1.AddMonths(2), Jan1.AddMonths(3)), stored.Subscription.CurrentPeriod);
            Assert.Equal(3, stored.Subscription.Timeline.Count(c => c.Kind == "renewed"));
            Assert.Null(stored.RenewingInstance);
        }
    }

    [Fact]
    public async Task A_host_stopped_mid_renewal_and_another_started_on_the_same_hub_bill_each_period_exactly_once()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddMonths(2).AddDays(14));
        string customer;
        var machine = "machine-" + Guid.NewGuid().ToString("N");
        await using (var first = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, clock, workerId: machine))
        {
            customer = await first.CustomerWithCardAsync();
            await first.StartAsync(RenewalHarness.MonthlySubscription("sub_restart", Jan1), customer);
            await Eventually.TrueAsync(async () => (await first.InvoicesAsync(customer)).Count >= 1, "the first period's invoice");
        }

        await using var second = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, clock, workerId: machine);
        await second.RunUntilQuietAsync();
        clock.Advance(TimeSpan.FromDays(17)); // to April 1: the April renewal, started before or after the stop, runs now
        await second.RunUntilQuietAsync();

        await RenewalAssertions.AssertOneInvoicePerPeriodAsync(second, emulator, customer, [.. JanToMar, Jan1.AddMonths(3)]);
    }
}
