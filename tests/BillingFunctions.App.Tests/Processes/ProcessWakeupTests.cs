using System.Text.Json;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Renewals;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.App.Tests.Processes;

public class ProcessWakeupTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Wake_up_beyond_seven_days_sleeps_again_when_the_message_comes_early()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddDays(-10));
        var harness = RenewalHarness.Create(emulator.BaseUrl, storage, clock);
        var queue = new QueueClient(RenewalHarness.ConnectionString, storage.Queue, StorageExtensions.QueueOptions());
        var renewal = await harness.StartAsync(RenewalHarness.MonthlySubscription("sub_far", Jan1), "cus_far");
        var message = new WakeMessage(RenewalHarness.Tenant, renewal.InstanceId, Jan1);

        clock.Advance(TimeSpan.FromDays(7)); // the queue's longest delay: the message arrives three days early
        await harness.Runtime.RunAsync(message);

        var view = await harness.Runtime.GetAsync(RenewalHarness.Tenant, renewal.InstanceId);
        Assert.Empty(view!.History);
        Assert.Equal(Jan1, view.WakeAt);
        Assert.Equal(2, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount); // the start's message and the re-sleep
    }

    [Fact]
    public async Task Stale_wake_up_for_an_earlier_target_does_nothing()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddDays(1));
        var harness = RenewalHarness.Create(emulator.BaseUrl, storage, clock);
        var renewal = await harness.StartAsync(RenewalHarness.MonthlySubscription("sub_stale", Jan1), "cus_stale");

        await harness.Runtime.RunAsync(new WakeMessage(RenewalHarness.Tenant, renewal.InstanceId, Jan1.AddDays(-3)));

        Assert.Empty((await harness.Runtime.GetAsync(RenewalHarness.Tenant, renewal.InstanceId))!.History);
    }

    [Fact]
    public async Task Invoice_paid_event_wakes_a_waiting_renewal_once_and_history_shows_every_step()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddHours(1));
        var harness = RenewalHarness.Create(emulator.BaseUrl, storage, clock);
        var customer = await harness.CustomerWithCardAsync();
        var renewal = await harness.StartAsync(RenewalHarness.MonthlySubscription("sub_sent", Jan1, CollectionMethod.SendInvoice), customer);
        await harness.RunUntilQuietAsync();
        var waiting = await harness.Runtime.GetAsync(RenewalHarness.Tenant, renewal.InstanceId);
        var state = harness.Runtime.ReadState(waiting!);
        Assert.Equal(RenewalPhase.AwaitingPayment, state.Phase);

        await harness.Stripe.V1.Invoices.PayAsync(state.StripeInvoiceId!, new() { PaidOutOfBand = true },
            harness.Stripe.Write("test:paid-out-of-band"));
        Assert.True(await harness.Runtime.RaiseAsync(RenewalHarness.Tenant, renewal.InstanceId, "evt_paid", new InvoicePaid(state.StripeInvoiceId!)));
        Assert.True(await harness.Runtime.RaiseAsync(RenewalHarness.Tenant, renewal.InstanceId, "evt_paid", new InvoicePaid(state.StripeInvoiceId!)));
        await harness.RunUntilQuietAsync();

        var done = await harness.Runtime.GetAsync(RenewalHarness.Tenant, renewal.InstanceId);
        Assert.True(done!.Completed);
        Assert.Equal("paid", harness.Runtime.ReadState(done).Outcome);
        Assert.Equal(
            ["RenewalWoken", "PeriodClaimed", "InvoiceCreated", "InvoiceFinalized", "InvoiceSent", "PeriodAdvanced", "InvoicePaid"],
            done.History.Select(s => s.Event));
        Assert.Equal($"ClaimPeriod {renewal.InstanceId}:0", Assert.Single(done.History[0].Effects));
        Assert.Equal($"CreateInvoice {renewal.InstanceId}:1", Assert.Single(done.History[1].Effects));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], done.History.Select(s => s.Step));
        Assert.False(await harness.Runtime.RaiseAsync(RenewalHarness.Tenant, renewal.InstanceId, "evt_late",
            new InvoicePaid(state.StripeInvoiceId!)));
    }

    [Fact]
    public async Task Declined_card_advances_the_period_and_leaves_the_invoice_open()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddHours(1));
        var harness = RenewalHarness.Create(emulator.BaseUrl, storage, clock);
        var customer = await harness.CustomerWithCardAsync("pm_card_chargeCustomerFail");
        var renewal = await harness.StartAsync(RenewalHarness.MonthlySubscription("sub_declined", Jan1), customer);

        await harness.RunUntilQuietAsync();

        var state = harness.Runtime.ReadState((await harness.Runtime.GetAsync(RenewalHarness.Tenant, renewal.InstanceId))!);
        Assert.Equal(RenewalPhase.AwaitingPayment, state.Phase);
        Assert.Equal("payment failed: generic_decline", state.Outcome);
        Assert.Equal("open", Assert.Single(await harness.InvoicesAsync(customer)).Status);
        var next = await harness.Runtime.GetAsync(RenewalHarness.Tenant, RenewalState.InstanceIdFor(new("sub_declined"), Jan1.AddMonths(1)));
        Assert.Equal(Jan1.AddMonths(1), next!.WakeAt);
    }
}
