using Plan = BillingFunctions.Domain.Catalog.Plan;
using Subscription = BillingFunctions.Domain.Subscriptions.Subscription;
using Stripe;
using BillingFunctions.App.Tests.Processes;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.App.Tests.Dunning;

/// <summary>Dunning timelines as orchestrations on a task hub in Azurite, against the Stripe emulator, with time moved by a test clock.</summary>
public class DunningProcessTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_same_payment_failed_event_delivered_three_times_makes_one_process()
    {
        var clock = new FakeTimeProvider(Start);
        await using var harness = await DunningHarness.CreateAsync(emulator.BaseUrl, clock);
        var customer = await harness.CustomerWithCardAsync("pm_card_chargeCustomerFail");
        var invoice = await harness.FailedInvoiceAsync(customer);
        var failed = await harness.EventAsync("invoice.payment_failed", invoice);

        for (var delivery = 0; delivery < 3; delivery++)
        {
            await harness.ApplyAsync(failed);
            await harness.RunUntilQuietAsync();
        }

        var state = await harness.StateAsync(invoice);
        Assert.Equal(DunningStatus.WaitingToRetry, state.Status);
        Assert.Single(state.History, h => h.Kind == DunningHistoryKind.PaymentFailed);
        Assert.Single(await harness.OutboxEmailsAsync(), e => e.IdempotencyKey.Contains("email-payment-failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Soft_decline_then_a_working_card_recovers_with_exactly_one_successful_charge()
    {
        var clock = new FakeTimeProvider(Start);
        await using var harness = await DunningHarness.CreateAsync(emulator.BaseUrl, clock);
        var customer = await harness.CustomerWithCardAsync("pm_card_chargeCustomerFail");
        var invoice = await harness.FailedInvoiceAsync(customer);
        await harness.ApplyAsync(await harness.EventAsync("invoice.payment_failed", invoice));
        await harness.RunUntilQuietAsync();
        Assert.Equal(DunningStatus.WaitingToRetry, (await harness.StateAsync(invoice)).Status);

        await harness.SetDefaultCardAsync(customer, "pm_card_visa");
        clock.Advance(DunningPolicy.Default.RetryDelays[0]);
        await harness.RunUntilQuietAsync();
        clock.Advance(TimeSpan.FromDays(14));
        await harness.RunUntilQuietAsync();

        var state = await harness.StateAsync(invoice);
        Assert.Equal(DunningStatus.Recovered, state.Status);
        Assert.Equal(1, state.RetriesUsed);
        Assert.Equal("paid", (await harness.Stripe.V1.Invoices.GetAsync(invoice, null, harness.Stripe.Read())).Status);
        var charges = await emulator.ChargesAsync(customer);
        Assert.Single(charges, c => c.GetProperty("status").GetString() == "succeeded");
    }

    [Fact]
    public async Task Hard_decline_charges_nothing_more_and_sends_one_card_update_email()
    {
        var clock = new FakeTimeProvider(Start);
        await using var harness = await DunningHarness.CreateAsync(emulator.BaseUrl, clock);
        var customer = await harness.CustomerWithCardAsync("pm_card_visa");
        var invoice = await harness.FailedInvoiceAsync(customer, payWith: "pm_card_chargeDeclinedLostCard");
        var failed = await harness.EventAsync("invoice.payment_failed", invoice);
        await harness.ApplyAsync(failed);
        await harness.RunUntilQuietAsync();
        clock.Advance(TimeSpan.FromDays(2));
        await harness.ApplyAsync(failed);
        await harness.RunUntilQuietAsync();

        var state = await harness.StateAsync(invoice);
        Assert.Equal(DunningStatus.AwaitingNewCard, state.Status);
        Assert.Equal("lost_card", state.LastDeclineCode);
        Assert.Equal(0, state.RetriesUsed);
        Assert.Single(await emulator.ChargesAsync(customer));
        var email = Assert.Single(await harness.OutboxEmailsAsync());
        Assert.EndsWith("email-" + "card-update-needed", email.IdempotencyKey, StringComparison.Ordinal);
        Assert.EndsWith("@example.com", email.Message.To.Address, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paid_mid_dunning_stops_the_process_and_charges_no_more()
    {
        var clock = new FakeTimeProvider(Start);
        await using var harness = await DunningHarness.CreateAsync(emulator.BaseUrl, clock);
        var customer = await harness.CustomerWithCardAsync("pm_card_chargeCustomerFail");
        var invoice = await harness.FailedInvoiceAsync(customer);
        await harness.ApplyAsync(await harness.EventAsync("invoice.payment_failed", invoice));
        await harness.RunUntilQuietAsync();

        // The customer pays on the hosted page with another card.
        await harness.Stripe.V1.Invoices.PayAsync(invoice, new() { PaymentMethod = "pm_card_visa" }, harness.Stripe.Write("hosted:" + invoice));
        await harness.ApplyAsync(await harness.EventAsync("invoice.paid", invoice));
        await harness.RunUntilQuietAsync();
        clock.Advance(TimeSpan.FromDays(20));
        await harness.RunUntilQuietAsync();

        var state = await harness.StateAsync(invoice);
        Assert.Equal(DunningStatus.Recovered, state.Status);
        Assert.Equal(0, state.RetriesUsed);
        Assert.Equal(2, (await emulator.ChargesAsync(customer)).Count);
        Assert.Single(await harness.OutboxEmailsAsync());
    }

    [Theory]
    [InlineData("cancel", true, "uncollectible", SubscriptionStatus.Canceled)]
    [InlineData("leave", false, "open", SubscriptionStatus.Active)]
    public async Task The_final_step_follows_the_tenants_stored_policy(string onExhaustion, bool markUncollectible, string invoiceStatus,
        SubscriptionStatus subscriptionStatus)
    {
        var clock = new FakeTimeProvider(Start);
        await using var harness = await DunningHarness.CreateAsync(emulator.BaseUrl, clock);
        var tenant = new TenantId(DunningHarness.Tenant);
        await new DunningSettingsStore(harness.Tables).PutAsync(tenant, new DunningPolicy([TimeSpan.FromDays(2)],
            Enum.Parse<SubscriptionOnExhaustion>(onExhaustion, ignoreCase: true), markUncollectible), new UserId("fin"),
            Start, CancellationToken.None);
        var plan = Plan.Create(new PlanId("pln_m"), new ProductId("prd_1"), "Monthly", new Money(2_500, Currency.Eur), BillingInterval.Monthly).Value;
        var subscription = Subscription.Create(new NewSubscription
        {
            Id = new SubscriptionId("sub_" + Guid.NewGuid().ToString("N")[..12]), Tenant = tenant, Customer = new CustomerId("cus_1"), Plan = plan,
            Start = Start.AddDays(-3),
        }).Value.ToSnapshot();
        await harness.Subscriptions.TrySaveAsync(tenant, null, subscription, null, [], [], CancellationToken.None);
        var customer = await harness.CustomerWithCardAsync("pm_card_chargeCustomerFail");
        var invoice = await harness.FailedInvoiceAsync(customer, subscription: subscription.Id.Value);

        await harness.ApplyAsync(await harness.EventAsync("invoice.payment_failed", invoice));
        await harness.RunUntilQuietAsync();
        clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        await harness.RunUntilQuietAsync();

        Assert.Equal(DunningStatus.Exhausted, (await harness.StateAsync(invoice)).Status);
        Assert.Equal(invoiceStatus, (await harness.Stripe.V1.Invoices.GetAsync(invoice, null, harness.Stripe.Read())).Status);
        Assert.Equal(subscriptionStatus, (await harness.Subscriptions.GetAsync(tenant, subscription.Id,
            CancellationToken.None))!.Subscription.Status);
    }

    [Fact]
    public async Task The_decline_is_read_from_the_invoices_payment_however_many_payments_failed_since()
    {
        var clock = new FakeTimeProvider(Start);
        await using var harness = await DunningHarness.CreateAsync(emulator.BaseUrl, clock);
        var customer = await harness.CustomerWithCardAsync("pm_card_visa");
        var invoice = await harness.FailedInvoiceAsync(customer, payWith: "pm_card_chargeDeclinedLostCard");
        var failed = await harness.EventAsync("invoice.payment_failed", invoice);
        // Before the event is applied, another customer's card fails over a hundred times: the lost card's
        // payment_intent.payment_failed is no longer among the account's latest hundred events.
        var noisy = await harness.FailedInvoiceAsync(await harness.CustomerWithCardAsync("pm_card_chargeCustomerFail"));
        for (var attempt = 0; attempt < 101; attempt++)
            await Assert.ThrowsAsync<StripeException>(() => harness.Stripe.V1.Invoices.PayAsync(noisy, new InvoicePayOptions { OffSession = true },
                harness.Stripe.Write($"noise:{noisy}:{attempt}")));

        await harness.ApplyAsync(failed);
        await harness.RunUntilQuietAsync();

        var state = await harness.StateAsync(invoice);
        Assert.Equal("lost_card", state.LastDeclineCode);
        Assert.Equal(DunningStatus.AwaitingNewCard, state.Status);
    }

    [Fact]
    public async Task An_invoice_event_without_a_readable_invoice_is_ignored_instead_of_failing_the_queue_message()
    {
        await using var harness = await DunningHarness.CreateAsync(emulator.BaseUrl, new FakeTimeProvider(Start));

        // Throwing here would fail apply-stripe-event and poison an event the projection handles (or logs) fine.
        await harness.ApplyAsync(EventUtility.ParseEvent("""{"id":"evt_empty","object":"event","type":"invoice.payment_failed"}""", false));
        await harness.ApplyAsync(EventUtility.ParseEvent("""{"id":"evt_no_object","object":"event","type":"invoice.voided","data":{}}""", false));
        await harness.ApplyAsync(
            EventUtility.ParseEvent("""{"id":"evt_no_id","object":"event","type":"invoice.paid","data":{"object":{"object":"invoice"}}}""", false));
        Assert.Equal(0, await DurableProcesses.CountAsync(harness.Durable, ProcessInstances.HubId(DunningHarness.Tenant, "dunning:")));
    }
}
