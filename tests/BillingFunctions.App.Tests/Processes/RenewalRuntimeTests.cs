using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Subscriptions;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.App.Tests.Processes;

public class RenewalRuntimeTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset[] JanToMar = [Jan1, Jan1.AddMonths(1), Jan1.AddMonths(2)];

    [Fact]
    public async Task Second_start_of_the_same_renewal_is_a_no_op()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var harness = RenewalHarness.Create(emulator.BaseUrl, storage, new FakeTimeProvider(Jan1.AddDays(-1)));
        var renewal = RenewalState.Start(RenewalHarness.MonthlySubscription("sub_twice", Jan1));

        Assert.True(await harness.Runtime.StartAsync(RenewalHarness.Tenant, renewal.InstanceId, renewal, Jan1));
        var first = await harness.Runtime.GetAsync(RenewalHarness.Tenant, renewal.InstanceId);
        Assert.False(await harness.Runtime.StartAsync(RenewalHarness.Tenant, renewal.InstanceId,
            renewal with { DueAt = Jan1.AddDays(3) }, Jan1.AddDays(3)));

        var after = await harness.Runtime.GetAsync(RenewalHarness.Tenant, renewal.InstanceId);
        Assert.Equal((first!.State, first.Step, first.WakeAt), (after!.State, after.Step, after.WakeAt));
        Assert.Equal(Jan1, after.WakeAt);
        Assert.Equal(1, (await new QueueClient(RenewalHarness.ConnectionString, storage.Queue, StorageExtensions.QueueOptions())
            .GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Missed_periods_after_downtime_are_billed_once_each_in_order_and_the_next_waits()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddMonths(2).AddDays(14));
        var harness = RenewalHarness.Create(emulator.BaseUrl, storage, clock);
        var customer = await harness.CustomerWithCardAsync();
        await harness.StartAsync(RenewalHarness.MonthlySubscription("sub_downtime", Jan1), customer);

        await harness.RunUntilQuietAsync();

        await RenewalAssertions.AssertOneInvoicePerPeriodAsync(harness, emulator, customer, JanToMar);
        var invoices = await harness.InvoicesAsync(customer);
        var oldestFirst = invoices.Reverse().Select(i => long.Parse(i.Metadata!["period_start"])).ToList();
        Assert.Equal(oldestFirst.Order(), oldestFirst);
        var april = await harness.Runtime.GetAsync(RenewalHarness.Tenant, RenewalState.InstanceIdFor(new("sub_downtime"), Jan1.AddMonths(3)));
        Assert.Equal(Jan1.AddMonths(3), april!.WakeAt);
        Assert.Empty(april.History);
    }

    [Fact]
    public async Task Crash_after_any_stripe_call_then_resume_bills_each_period_exactly_once()
    {
        // Three periods × (create invoice, one line, finalize, pay) = 12 side effects on Stripe.
        for (var crashAfter = 1; crashAfter <= 12; crashAfter++)
        {
            var storage = await RenewalHarness.NewStorageAsync();
            var clock = new FakeTimeProvider(Jan1.AddMonths(2).AddDays(14));
            var crashing = new CrashingHandler(crashAfter);
            var harness = RenewalHarness.Create(emulator.BaseUrl, storage, clock, crashing);
            var setup = RenewalHarness.Create(emulator.BaseUrl, storage, clock);
            var customer = await setup.CustomerWithCardAsync();
            await harness.StartAsync(RenewalHarness.MonthlySubscription($"sub_crash{crashAfter}", Jan1), customer);

            await harness.RunUntilQuietAsync();

            Assert.True(crashing.Posts > crashAfter, $"the crash after POST {crashAfter} should have happened and been resumed");
            await RenewalAssertions.AssertOneInvoicePerPeriodAsync(harness, emulator, customer, JanToMar);
        }
    }

    [Fact]
    public async Task Crash_after_any_claim_or_release_on_the_stored_subscription_then_resume_bills_each_period_exactly_once()
    {
        // Three periods × (claim, release) = 6 writes to the subscription row.
        for (var crashAfter = 1; crashAfter <= 6; crashAfter++)
        {
            var storage = await RenewalHarness.NewStorageAsync();
            var clock = new FakeTimeProvider(Jan1.AddMonths(2).AddDays(14));
            var harness = RenewalHarness.Create(emulator.BaseUrl, storage, clock, crashClaimsAfter: crashAfter);
            var customer = await harness.CustomerWithCardAsync();
            var id = $"sub_claimcrash{crashAfter}";
            await harness.StartAsync(RenewalHarness.MonthlySubscription(id, Jan1), customer);

            await harness.RunUntilQuietAsync();

            Assert.True(((CrashingClaims)harness.Claims).Calls > crashAfter,
                $"the crash after claim or release {crashAfter} should have happened and been resumed");
            await RenewalAssertions.AssertOneInvoicePerPeriodAsync(harness, emulator, customer, JanToMar);
            var stored = (await harness.Subscriptions.GetAsync(new(RenewalHarness.Tenant), new(id), CancellationToken.None))!;
            Assert.Equal(new BillingPeriod(Jan1.AddMonths(2), Jan1.AddMonths(3)), stored.Subscription.CurrentPeriod);
            Assert.Equal(3, stored.Subscription.Timeline.Count(c => c.Kind == "renewed"));
            Assert.Null(stored.RenewingInstance);
        }
    }

    [Fact]
    public async Task Crash_after_any_wake_up_send_or_losing_it_still_bills_each_period_exactly_once()
    {
        // Sends: the start, then each advance starts the next period (Feb, Mar, Apr): four wake-ups.
        foreach (var lose in new[] { false, true })
        {
            for (var crashAfter = 1; crashAfter <= 4; crashAfter++)
            {
                var storage = await RenewalHarness.NewStorageAsync();
                var clock = new FakeTimeProvider(Jan1.AddMonths(2).AddDays(14));
                var queue = new CrashingQueue(RenewalHarness.ConnectionString, storage.Queue, crashAfter, lose);
                var harness = RenewalHarness.Create(emulator.BaseUrl, storage, clock, queue: queue);
                var customer = await harness.CustomerWithCardAsync();
                try
                {
                    await harness.StartAsync(RenewalHarness.MonthlySubscription($"sub_q{crashAfter}{lose}", Jan1), customer);
                }
                catch (SimulatedCrash)
                {
                }

                await harness.RunUntilQuietAsync();
                clock.Advance(TimeSpan.FromDays(17)); // to April 1: the April renewal must run even if its wake-up was lost
                await harness.RunUntilQuietAsync();

                await RenewalAssertions.AssertOneInvoicePerPeriodAsync(harness, emulator, customer, [.. JanToMar, Jan1.AddMonths(3)]);
            }
        }
    }
}
