using BillingFunctions.Domain.Subscriptions;
using static BillingFunctions.Domain.Tests.Subscriptions.SubscriptionFixtures;

namespace BillingFunctions.Domain.Tests.Subscriptions;

/// <summary>Every figure worked out by hand in the comment above it.</summary>
public class ProrationTests
{
    [Fact]
    public void Mid_month_upgrade_credits_unused_basic_and_charges_remaining_pro()
    {
        // Jan 2026 period: Jan 1 → Feb 1 = 31 days. Upgrade Jan 16 00:00 leaves 16 of 31 days.
        // Credit: 1000 × 16/31 = 516.13 → -516. Charge: 3000 × 16/31 = 1548.39 → 1548.
        // Feb 1 invoice: -516 + 1548 + 3000 (February at Pro) = 4032.
        var subscription = SubscribeAndBill(MonthlyPlan("Basic", 1000), Utc(2026, 1, 1));

        var change = subscription.ChangeNow(MonthlyPlan("Pro", 3000), 1, Utc(2026, 1, 16));

        Assert.Equal([-516, 1548], Amounts(change.Value.Lines));
        var february = subscription.Renew(Utc(2026, 2, 1)).Value;
        Assert.Equal([-516, 1548, 3000], Amounts(february.Lines));
        Assert.Equal(4032, february.Lines.Sum(l => l.Amount.Minor));
    }

    [Fact]
    public void Mid_month_downgrade_in_february_splits_the_28_days_in_half()
    {
        // Feb 2026: Feb 1 → Mar 1 = 28 days. Downgrade Feb 15 00:00 leaves 14 of 28 days, exactly half.
        // Credit: 3000 / 2 = -1500. Charge: 1000 / 2 = 500. March invoice: -1500 + 500 + 1000 = 0.
        var subscription = SubscribeAndBill(MonthlyPlan("Pro", 3000), Utc(2026, 2, 1));

        var change = subscription.ChangeNow(MonthlyPlan("Basic", 1000), 1, Utc(2026, 2, 15));

        Assert.Equal([-1500, 500], Amounts(change.Value.Lines));
        Assert.Equal(0, subscription.Renew(Utc(2026, 3, 1)).Value.Lines.Sum(l => l.Amount.Minor));
    }

    [Fact]
    public void Quantity_change_at_noon_prorates_by_the_second()
    {
        // Jan 2026 (31 days = 2,678,400 s). From 2 to 5 seats on Jan 11 12:00: 20.5 days = 1,771,200 s remain.
        // Credit: 2 × 1000 × 20.5/31 = 1322.58 → -1323. Charge: 5 × 1000 × 20.5/31 = 3306.45 → 3306.
        var subscription = SubscribeAndBill(MonthlyPlan("Basic", 1000), Utc(2026, 1, 1), quantity: 2);

        var change = subscription.ChangeNow(MonthlyPlan("Basic", 1000), 5, Utc(2026, 1, 11, 12));

        Assert.Equal([-1323, 3306], Amounts(change.Value.Lines));
        Assert.Equal([-1323, 3306, 5000], Amounts(subscription.Renew(Utc(2026, 2, 1)).Value.Lines));
    }

    [Fact]
    public void Change_at_period_end_prorates_nothing_and_bills_the_new_plan_next_period()
    {
        // No proration lines; February is billed at Pro: 3000.
        var subscription = SubscribeAndBill(MonthlyPlan("Basic", 1000), Utc(2026, 1, 1));

        subscription.ChangeAtPeriodEnd(MonthlyPlan("Pro", 3000), 1, Utc(2026, 1, 16));

        Assert.Empty(subscription.PendingLines);
        Assert.Equal([3000], Amounts(subscription.Renew(Utc(2026, 2, 1)).Value.Lines));
        Assert.Equal("Pro", subscription.Plan.Name);
    }

    [Fact]
    public void Yearly_upgrade_in_a_period_starting_on_leap_day()
    {
        // Yearly from 2028-02-29: the period ends 2029-02-28 (no 29th), 365 days.
        // Upgrade 2028-08-29 leaves Aug 29 → Feb 28: 31+30+31+30+31+30 = 183 days.
        // Credit: 120000 × 183/365 = 60164.38 → -60164. Charge: 240000 × 183/365 = 120328.77 → 120329.
        var subscription = SubscribeAndBill(YearlyPlan("Basic", 120_000), Utc(2028, 2, 29));
        Assert.Equal(new BillingPeriod(Utc(2028, 2, 29), Utc(2029, 2, 28)), subscription.CurrentPeriod);

        var change = subscription.ChangeNow(YearlyPlan("Pro", 240_000), 1, Utc(2028, 8, 29));

        Assert.Equal([-60164, 120329], Amounts(change.Value.Lines));
    }

    [Fact]
    public void Yearly_downgrade_over_a_366_day_period()
    {
        // Yearly from 2027-03-01: the period to 2028-03-01 holds Feb 29, 366 days. Downgrade 2027-09-01 leaves
        // Sep 1 → Mar 1: 30+31+30+31+31+29 = 182 days.
        // Credit: 240000 × 182/366 = 119344.26 → -119344. Charge: 120000 × 182/366 = 59672.13 → 59672.
        var subscription = SubscribeAndBill(YearlyPlan("Pro", 240_000), Utc(2027, 3, 1));

        var change = subscription.ChangeNow(YearlyPlan("Basic", 120_000), 1, Utc(2027, 9, 1));

        Assert.Equal([-119344, 59672], Amounts(change.Value.Lines));
    }

    [Fact]
    public void Upgrade_in_a_subscription_anchored_on_the_31st()
    {
        // Anchored Jan 31: the second period is Jan 31 → Feb 28 (28 days). Upgrade Feb 14 leaves 14 days, half.
        // Credit: -500. Charge: 1500. The March invoice is for Feb 28 → Mar 31 at Pro: -500 + 1500 + 3000.
        var subscription = SubscribeAndBill(MonthlyPlan("Basic", 1000), Utc(2026, 1, 31));
        Assert.Equal(new BillingPeriod(Utc(2026, 1, 31), Utc(2026, 2, 28)), subscription.CurrentPeriod);

        var change = subscription.ChangeNow(MonthlyPlan("Pro", 3000), 1, Utc(2026, 2, 14));

        Assert.Equal([-500, 1500], Amounts(change.Value.Lines));
        var march = subscription.Renew(Utc(2026, 2, 28)).Value;
        Assert.Equal(new BillingPeriod(Utc(2026, 2, 28), Utc(2026, 3, 31)), march.Period);
        Assert.Equal([-500, 1500, 3000], Amounts(march.Lines));
    }

    [Fact]
    public void Short_first_period_before_the_anchor_day_is_prorated()
    {
        // Start Jan 20, anchored on the 1st: the first period Jan 20 → Feb 1 is 12 of the 31 days of Jan 1 → Feb 1.
        // 1000 × 12/31 = 387.10 → 387. The next period is a full month: 1000.
        var subscription = Subscribe(MonthlyPlan("Basic", 1000), Utc(2026, 1, 20), anchorDay: 1);

        Assert.Equal([387], Amounts(subscription.Renew(Utc(2026, 1, 20)).Value.Lines));
        Assert.Equal([1000], Amounts(subscription.Renew(Utc(2026, 2, 1)).Value.Lines));
    }

    [Fact]
    public void Two_changes_in_one_period_credit_what_each_replaced()
    {
        // Jan 2026, 31 days. Jan 11: Basic → Pro, 21 days left: -1000×21/31 = -677.42 → -677; 3000×21/31 = 2032.26 → 2032.
        // Jan 21: Pro → Max, 11 days left: -3000×11/31 = -1064.52 → -1065; 6000×11/31 = 2129.03 → 2129.
        var subscription = SubscribeAndBill(MonthlyPlan("Basic", 1000), Utc(2026, 1, 1));

        subscription.ChangeNow(MonthlyPlan("Pro", 3000), 1, Utc(2026, 1, 11));
        subscription.ChangeNow(MonthlyPlan("Max", 6000), 1, Utc(2026, 1, 21));

        Assert.Equal([-677, 2032, -1065, 2129], Amounts(subscription.PendingLines));
    }
}
