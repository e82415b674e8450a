using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Subscriptions;
using static BillingFunctions.Domain.Tests.Subscriptions.SubscriptionFixtures;

namespace BillingFunctions.Domain.Tests.Subscriptions;

public class SubscriptionLifecycleTests
{
    [Fact]
    public void After_downtime_each_missed_period_is_billed_once_in_order()
    {
        var subscription = SubscribeAndBill(MonthlyPlan("Basic", 1000), Utc(2026, 1, 31));
        var backOnline = Utc(2026, 5, 15);

        var periods = new List<BillingPeriod>();
        while (subscription.NextRenewalAt <= backOnline) periods.Add(subscription.Renew(backOnline).Value.Period);

        Assert.Equal(
            [new(Utc(2026, 2, 28), Utc(2026, 3, 31)), new(Utc(2026, 3, 31), Utc(2026, 4, 30)), new(Utc(2026, 4, 30), Utc(2026, 5, 31))],
            periods);
        Assert.False(subscription.Renew(backOnline).IsSuccess);
    }

    [Fact]
    public void Renewing_before_the_period_ends_is_refused()
    {
        var subscription = SubscribeAndBill(MonthlyPlan("Basic", 1000), Utc(2026, 1, 1));

        var early = subscription.Renew(Utc(2026, 1, 31, 23));

        Assert.False(early.IsSuccess);
        Assert.Equal(Utc(2026, 1, 1), subscription.CurrentPeriod.Start);
    }

    [Fact]
    public void Trial_bills_nothing_and_anchors_billing_at_its_end()
    {
        var subscription = Subscribe(MonthlyPlan("Basic", 1000), Utc(2026, 1, 1), trialEnd: Utc(2026, 1, 15));

        Assert.Equal(SubscriptionStatus.Trialing, subscription.Status);
        Assert.Equal(Utc(2026, 1, 15), subscription.NextRenewalAt);
        var first = subscription.Renew(Utc(2026, 1, 15)).Value;

        Assert.Equal(new BillingPeriod(Utc(2026, 1, 15), Utc(2026, 2, 15)), first.Period);
        Assert.Equal([1000], Amounts(first.Lines));
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
    }

    [Fact]
    public void Price_change_applies_from_the_first_period_starting_on_its_date()
    {
        var plan = MonthlyPlan("Basic", 1000);
        var raised = plan.ChangePrice(new Money(1200, Currency.Usd), Utc(2026, 3, 1)).Value;
        var subscription = SubscribeAndBill(raised, Utc(2026, 1, 15));

        Assert.Equal([1000], Amounts(subscription.Renew(Utc(2026, 2, 15)).Value.Lines));
        Assert.Equal([1200], Amounts(subscription.Renew(Utc(2026, 3, 15)).Value.Lines));
    }

    [Fact]
    public void Paused_periods_bill_nothing_and_billing_resumes_with_the_next_period()
    {
        var subscription = SubscribeAndBill(MonthlyPlan("Basic", 1000), Utc(2026, 1, 1));

        subscription.Pause(Utc(2026, 1, 10));
        Assert.Empty(subscription.Renew(Utc(2026, 2, 1)).Value.Lines);
        subscription.Resume(Utc(2026, 2, 10));

        Assert.Equal([1000], Amounts(subscription.Renew(Utc(2026, 3, 1)).Value.Lines));
    }

    [Fact]
    public void Cancel_at_period_end_bills_pending_prorations_then_stops_renewing()
    {
        var subscription = SubscribeAndBill(MonthlyPlan("Pro", 3000), Utc(2026, 2, 1));
        subscription.ChangeNow(MonthlyPlan("Basic", 1000), 1, Utc(2026, 2, 15));
        subscription.CancelAtPeriodEnd(Utc(2026, 2, 16));

        var final = subscription.Renew(Utc(2026, 3, 1)).Value;

        Assert.Equal([-1500, 500], Amounts(final.Lines));
        Assert.Equal(SubscriptionStatus.Canceled, subscription.Status);
        Assert.Null(subscription.NextRenewalAt);
    }

    [Fact]
    public void Cancel_now_stops_renewals_and_refuses_further_changes()
    {
        var subscription = SubscribeAndBill(MonthlyPlan("Basic", 1000), Utc(2026, 1, 1));

        subscription.CancelNow(Utc(2026, 1, 20));

        Assert.Null(subscription.NextRenewalAt);
        Assert.Equal("illegal-transition", subscription.ChangeNow(MonthlyPlan("Pro", 3000), 1, Utc(2026, 1, 21)).Error!.Code);
    }

    [Fact]
    public void Interval_change_waits_for_period_end_and_reanchors_there()
    {
        var subscription = SubscribeAndBill(MonthlyPlan("Basic", 1000), Utc(2026, 1, 31));

        Assert.False(subscription.ChangeNow(YearlyPlan("Basic", 10_000), 1, Utc(2026, 2, 5)).IsSuccess);
        subscription.ChangeAtPeriodEnd(YearlyPlan("Basic", 10_000), 1, Utc(2026, 2, 5));
        var yearly = subscription.Renew(Utc(2026, 2, 28)).Value;

        Assert.Equal(new BillingPeriod(Utc(2026, 2, 28), Utc(2027, 2, 28)), yearly.Period);
        Assert.Equal([10_000], Amounts(yearly.Lines));
    }

    [Fact]
    public void Add_ons_are_billed_each_period_with_the_plan()
    {
        var addOn = new Catalog.AddOn(new Catalog.AddOnId("support"), "Support", new Money(250, Currency.Usd));
        var subscription = Subscribe(MonthlyPlan("Basic", 1000), Utc(2026, 1, 1), quantity: 2, addOns: [new AddOnItem(addOn, 3)]);

        Assert.Equal([2000, 750], Amounts(subscription.Renew(Utc(2026, 1, 1)).Value.Lines));
    }

    [Fact]
    public void Timeline_records_every_change_in_order()
    {
        var subscription = SubscribeAndBill(MonthlyPlan("Basic", 1000), Utc(2026, 1, 1));
        subscription.ChangeNow(MonthlyPlan("Pro", 3000), 2, Utc(2026, 1, 16));
        subscription.Pause(Utc(2026, 1, 20));
        subscription.Resume(Utc(2026, 1, 25));
        subscription.CancelAtPeriodEnd(Utc(2026, 1, 26));

        Assert.Equal(["created", "renewed", "changed", "paused", "resumed", "cancel-scheduled"], subscription.Timeline.Select(c => c.Kind));
    }
}
