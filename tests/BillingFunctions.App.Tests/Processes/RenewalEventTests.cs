using BillingFunctions.App.Processes;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Renewals;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>What reaches a renewal from outside: Stripe's word on its invoice, and a declined card.</summary>
public class RenewalEventTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Invoice_paid_event_delivered_twice_wakes_a_waiting_renewal_once_and_a_late_one_changes_nothing()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddHours(1));
        await using var harness = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, clock);
        var customer = await harness.CustomerWithCardAsync();
        var renewal = await harness.StartAsync(RenewalHarness.MonthlySubscription("sub_sent", Jan1, CollectionMethod.SendInvoice), customer);
        await harness.RunUntilQuietAsync();
        var state = RenewalHarness.StateOf(await harness.InstanceAsync(renewal.InstanceId));
        Assert.Equal(RenewalPhase.AwaitingPayment, state.Phase);

        await harness.Stripe.V1.Invoices.PayAsync(state.StripeInvoiceId!, new() { PaidOutOfBand = true },
            harness.Stripe.Write("test:paid-out-of-band"));
        await Raise(harness, renewal, "evt_paid", state);
        await Raise(harness, renewal, "evt_paid", state);
        await harness.RunUntilQuietAsync();

        var done = await harness.InstanceAsync(renewal.InstanceId);
        Assert.True(done.Completed);
        var final = RenewalHarness.StateOf(done);
        Assert.Equal(("paid", true, RenewalPhase.Done), (final.Outcome, final.Paid, final.Phase));
        // Claim, create, finalize, send, advance: five effects, keyed by the instance and their step.
        Assert.Equal(5, final.Step);
        await Raise(harness, renewal, "evt_late", state);
        await harness.RunUntilQuietAsync();
        Assert.Equal(done.State, (await harness.InstanceAsync(renewal.InstanceId)).State);
        Assert.Single(await harness.InvoicesAsync(customer));
    }

    private static Task Raise(RenewalHarness harness, RenewalState renewal, string eventId, RenewalState state) =>
        ProcessInstances.RaiseAsync(harness.Durable, RenewalKind.Instance, RenewalHarness.Tenant, renewal.InstanceId, eventId,
            new InvoicePaid(state.StripeInvoiceId!), DateTimeOffset.UtcNow, CancellationToken.None);

    [Fact]
    public async Task Declined_card_advances_the_period_and_leaves_the_invoice_open()
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var clock = new FakeTimeProvider(Jan1.AddHours(1));
        await using var harness = await RenewalHarness.CreateAsync(emulator.BaseUrl, storage, clock);
        var customer = await harness.CustomerWithCardAsync("pm_card_chargeCustomerFail");
        var renewal = await harness.StartAsync(RenewalHarness.MonthlySubscription("sub_declined", Jan1), customer);

        await harness.RunUntilQuietAsync();

        var state = RenewalHarness.StateOf(await harness.InstanceAsync(renewal.InstanceId));
        Assert.Equal(RenewalPhase.AwaitingPayment, state.Phase);
        Assert.Equal("payment failed: generic_decline", state.Outcome);
        Assert.Equal("open", Assert.Single(await harness.InvoicesAsync(customer)).Status);
        var next = await harness.InstanceAsync(RenewalState.InstanceIdFor(new("sub_declined"), Jan1.AddMonths(1)));
        Assert.Equal(Jan1.AddMonths(1), next.WakeAt);
    }
}
