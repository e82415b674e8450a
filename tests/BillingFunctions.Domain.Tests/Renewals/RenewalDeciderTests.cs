using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Processes;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Subscriptions;
using static BillingFunctions.Domain.Tests.Subscriptions.SubscriptionFixtures;

namespace BillingFunctions.Domain.Tests.Renewals;

public class RenewalDeciderTests
{
    private static Subscription Billed(CollectionMethod collection = CollectionMethod.ChargeAutomatically)
    {
        var subscription = Subscribe(MonthlyPlan("Basic", 1000), Utc(2026, 1, 31), collection: collection);
        subscription.Renew(Utc(2026, 1, 31));
        return subscription;
    }

    private static RenewalState Renewal(CollectionMethod collection = CollectionMethod.ChargeAutomatically) =>
        RenewalState.Start(Billed(collection).ToSnapshot());

    /// <summary>What the claim on the stored subscription returns: its renewal into the due period.</summary>
    private static PeriodClaimed Claim(Subscription subscription, DateTimeOffset due)
    {
        var invoice = subscription.Renew(due).Value;
        var s = subscription.ToSnapshot();
        return new PeriodClaimed("cus_stripe", invoice, s.Collection, s.DaysUntilDue, s.Plan.Currency, subscription.NextRenewalAt);
    }

    /// <summary>Woken at the period start and claimed: the decision that creates the invoice (or advances).</summary>
    private static Decision<RenewalState, RenewalEffect> WokenAndClaimed(Subscription subscription, DateTimeOffset now)
    {
        var state = RenewalState.Start(subscription.ToSnapshot());
        var woken = RenewalDecider.Decide(state, new RenewalWoken(), now);
        return RenewalDecider.Decide(woken.State, Claim(subscription, state.DueAt), now);
    }

    [Fact]
    public void Instance_id_names_the_subscription_and_the_period_start()
    {
        Assert.Equal("renewal:sub_1:20260228T000000Z", Renewal().InstanceId);
    }

    [Fact]
    public void Waking_before_the_period_start_sleeps_until_it()
    {
        var decision = RenewalDecider.Decide(Renewal(), new RenewalWoken(), Utc(2026, 2, 20));

        Assert.Empty(decision.Effects);
        Assert.Equal(Utc(2026, 2, 28), decision.WakeAt);
    }

    [Fact]
    public void Charged_renewal_claims_creates_finalizes_pays_and_advances_with_keys_from_instance_and_step()
    {
        var now = Utc(2026, 3, 5);
        var subscription = Billed();
        var d0 = RenewalDecider.Decide(RenewalState.Start(subscription.ToSnapshot()), new RenewalWoken(), now);
        var claim = Assert.IsType<ClaimPeriod>(Assert.Single(d0.Effects));
        var d1 = RenewalDecider.Decide(d0.State, Claim(subscription, claim.PeriodStart), now);
        var create = Assert.IsType<CreateInvoice>(Assert.Single(d1.Effects));
        var d2 = RenewalDecider.Decide(d1.State, new InvoiceCreated(create.InvoiceId), now);
        var d3 = RenewalDecider.Decide(d2.State, new InvoiceFinalized("in_1", "open"), now);
        var d4 = RenewalDecider.Decide(d3.State, new InvoicePaid("in_1"), now);
        var advance = Assert.IsType<AdvancePeriod>(Assert.Single(d4.Effects));
        var d5 = RenewalDecider.Decide(d4.State, new PeriodAdvanced(), now);

        Assert.Equal(new BillingPeriod(Utc(2026, 2, 28), Utc(2026, 3, 31)), create.Period);
        Assert.Equal([1000], Amounts(create.Lines));
        Assert.Equal("inv_rnw_sub_1_20260228T000000Z", create.InvoiceId);
        var finalize = Assert.IsType<FinalizeInvoice>(Assert.Single(d2.Effects));
        Assert.Equal((create.InvoiceId, new SubscriptionId("sub_1"), Utc(2026, 2, 28)),
            (finalize.InvoiceId, finalize.Subscription, finalize.PeriodStart));
        var pay = Assert.IsType<PayInvoice>(Assert.Single(d3.Effects));
        Assert.Equal((create.InvoiceId, "in_1"), (pay.InvoiceId, pay.StripeInvoiceId));
        Assert.Equal(Utc(2026, 2, 28), claim.PeriodStart);
        Assert.Equal(
            ["renewal:sub_1:20260228T000000Z:0", "renewal:sub_1:20260228T000000Z:1", "renewal:sub_1:20260228T000000Z:2",
                "renewal:sub_1:20260228T000000Z:3", "renewal:sub_1:20260228T000000Z:4"],
            new[] { d0, d1, d2, d3, d4 }.Select(d => d.Effects[0].IdempotencyKey));
        Assert.Equal(Utc(2026, 3, 31), advance.NextRenewalAt);
        Assert.True(d5.Completed);
        Assert.Equal("paid", d5.State.Outcome);
    }

    [Fact]
    public void The_same_state_and_event_decide_the_same_effect_so_a_rerun_reuses_its_key()
    {
        var state = Renewal();

        Assert.Equal(
            RenewalDecider.Decide(state, new RenewalWoken(), Utc(2026, 3, 1)).Effects[0].IdempotencyKey,
            RenewalDecider.Decide(state, new RenewalWoken(), Utc(2026, 4, 1)).Effects[0].IdempotencyKey);
    }

    [Fact]
    public void Sent_invoice_waits_for_invoice_paid_from_the_webhook()
    {
        var now = Utc(2026, 2, 28);
        var d = WokenAndClaimed(Billed(CollectionMethod.SendInvoice), now);
        d = RenewalDecider.Decide(d.State, new InvoiceCreated("in_1"), now);
        d = RenewalDecider.Decide(d.State, new InvoiceFinalized("in_1", "open"), now);
        Assert.IsType<SendInvoice>(Assert.Single(d.Effects));
        d = RenewalDecider.Decide(d.State, new InvoiceSent("in_1"), now);
        d = RenewalDecider.Decide(d.State, new PeriodAdvanced(), now);

        Assert.Equal(RenewalPhase.AwaitingPayment, d.State.Phase);
        Assert.Equal(Utc(2026, 3, 30), d.WakeAt);
        var paid = RenewalDecider.Decide(d.State, new InvoicePaid("in_1"), Utc(2026, 3, 3));
        Assert.True(paid.Completed);
        Assert.Equal("paid", paid.State.Outcome);
    }

    [Fact]
    public void Declined_payment_still_advances_the_period_and_leaves_the_invoice_to_dunning()
    {
        var now = Utc(2026, 2, 28);
        var d = WokenAndClaimed(Billed(), now);
        d = RenewalDecider.Decide(d.State, new InvoiceCreated("in_1"), now);
        d = RenewalDecider.Decide(d.State, new InvoiceFinalized("in_1", "open"), now);
        d = RenewalDecider.Decide(d.State, new PaymentFailed("in_1", "insufficient_funds"), now);
        Assert.IsType<AdvancePeriod>(Assert.Single(d.Effects));
        d = RenewalDecider.Decide(d.State, new PeriodAdvanced(), now);

        var deadline = RenewalDecider.Decide(d.State, new RenewalWoken(), d.WakeAt!.Value);
        Assert.True(deadline.Completed);
        Assert.Equal("unpaid at the deadline; left to dunning", deadline.State.Outcome);
    }

    [Fact]
    public void Paused_period_creates_no_invoice_and_only_advances()
    {
        var subscription = Subscribe(MonthlyPlan("Basic", 1000), Utc(2026, 1, 1));
        subscription.Renew(Utc(2026, 1, 1));
        subscription.Pause(Utc(2026, 1, 5));

        var d = WokenAndClaimed(subscription, Utc(2026, 2, 1));

        Assert.Equal(Utc(2026, 3, 1), Assert.IsType<AdvancePeriod>(Assert.Single(d.Effects)).NextRenewalAt);
        Assert.True(RenewalDecider.Decide(d.State, new PeriodAdvanced(), Utc(2026, 2, 1)).Completed);
    }

    [Fact]
    public void Stray_wake_in_the_middle_performs_nothing()
    {
        var d = WokenAndClaimed(Billed(), Utc(2026, 3, 1));
        d = RenewalDecider.Decide(d.State, new InvoiceCreated("in_1"), Utc(2026, 3, 1));

        var stray = RenewalDecider.Decide(d.State, new RenewalWoken(), Utc(2026, 3, 1));

        Assert.Empty(stray.Effects);
        Assert.Equal(d.State, stray.State);
    }

    [Fact]
    public void Nothing_to_claim_completes_without_an_invoice()
    {
        var woken = RenewalDecider.Decide(Renewal(), new RenewalWoken(), Utc(2026, 3, 1));

        var done = RenewalDecider.Decide(woken.State, new NothingToClaim("the subscription is canceled"), Utc(2026, 3, 1));

        Assert.True(done.Completed);
        Assert.Empty(done.Effects);
        Assert.Equal("nothing to bill: the subscription is canceled", done.State.Outcome);
    }

    [Fact]
    public void Deferred_claim_waits_and_claims_again_with_a_new_key()
    {
        var woken = RenewalDecider.Decide(Renewal(), new RenewalWoken(), Utc(2026, 3, 1));

        var deferred = RenewalDecider.Decide(woken.State, new ClaimDeferred("renewal:sub_1:20260131T000000Z"), Utc(2026, 3, 1));
        var again = RenewalDecider.Decide(deferred.State, new RenewalWoken(), deferred.WakeAt!.Value);

        Assert.Empty(deferred.Effects);
        Assert.Equal(Utc(2026, 3, 1) + RenewalDecider.ClaimRetryDelay, deferred.WakeAt);
        var claim = Assert.IsType<ClaimPeriod>(Assert.Single(again.Effects));
        Assert.Equal(Utc(2026, 2, 28), claim.PeriodStart);
        Assert.NotEqual(woken.Effects[0].IdempotencyKey, claim.IdempotencyKey);
    }
}
