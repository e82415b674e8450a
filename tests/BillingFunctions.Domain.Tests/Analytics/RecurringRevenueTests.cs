using BillingFunctions.Domain.Analytics;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Subscriptions;
using static BillingFunctions.Domain.Tests.Subscriptions.SubscriptionFixtures;

namespace BillingFunctions.Domain.Tests.Analytics;

public class RecurringRevenueTests
{
    private static readonly DateTimeOffset Start = Utc(2026, 1, 15);

    [Fact]
    public void A_monthly_plan_counts_its_price_times_the_quantity_plus_its_add_ons()
    {
        var seats = new AddOn(new AddOnId("support"), "Support", new Money(1_500, Currency.Usd));
        var subscription = SubscribeAndBillWith(MonthlyPlan("Team", 4_900), quantity: 3, [new AddOnItem(seats, 2)]);

        // 3 × 49.00 + 2 × 15.00 = 177.00 a month.
        Assert.Equal(new Money(17_700, Currency.Usd), RecurringRevenue.MonthlyOf(subscription.ToSnapshot()));
    }

    [Fact]
    public void A_yearly_plan_counts_a_twelfth_rounded_half_away_from_zero()
    {
        // 1,000.00 a year is 83.333... a month: 8,333 cents. 1,000.06 a year is 83.338...: 8,334 cents.
        Assert.Equal(8_333, RecurringRevenue.MonthlyOf(SubscribeAndBill(YearlyPlan("Pro", 100_000), Start).ToSnapshot()).Minor);
        Assert.Equal(8_334, RecurringRevenue.MonthlyOf(SubscribeAndBill(YearlyPlan("Pro", 100_006), Start).ToSnapshot()).Minor);
    }

    [Fact]
    public void A_quarterly_plan_counts_a_third()
    {
        var quarterly = Plan.Create(new PlanId("q"), new ProductId("prod_app"), "Quarterly", new Money(30_000, Currency.Eur),
            BillingInterval.Quarterly).Value;

        Assert.Equal(new Money(10_000, Currency.Eur), RecurringRevenue.MonthlyOf(SubscribeAndBill(quarterly, Start).ToSnapshot()));
    }

    [Fact]
    public void Trials_paused_and_canceled_subscriptions_bring_nothing()
    {
        var plan = MonthlyPlan("Team", 4_900);
        var trialing = Subscribe(plan, Start, trialEnd: Start.AddDays(14));
        var paused = SubscribeAndBill(plan, Start);
        Assert.True(paused.Pause(Start.AddDays(3)).IsSuccess);
        var canceled = SubscribeAndBill(plan, Start);
        Assert.True(canceled.CancelNow(Start.AddDays(3)).IsSuccess);

        Assert.All([trialing, paused, canceled], s => Assert.Equal(Money.Zero(Currency.Usd), RecurringRevenue.MonthlyOf(s.ToSnapshot())));
    }

    [Fact]
    public void A_cancellation_at_period_end_still_counts_until_the_period_ends()
    {
        var subscription = SubscribeAndBill(MonthlyPlan("Team", 4_900), Start);
        Assert.True(subscription.CancelAtPeriodEnd(Start.AddDays(3)).IsSuccess);

        Assert.Equal(4_900, RecurringRevenue.MonthlyOf(subscription.ToSnapshot()).Minor);
    }

    [Fact]
    public void A_price_change_counts_from_the_period_it_applies_to()
    {
        var plan = MonthlyPlan("Team", 4_900);
        var subscription = SubscribeAndBill(plan, Start);
        subscription.RefreshPlan(plan.ChangePrice(new Money(5_900, Currency.Usd), Start.AddDays(10)).Value);

        Assert.Equal(4_900, RecurringRevenue.MonthlyOf(subscription.ToSnapshot()).Minor);
        Assert.True(subscription.Renew(subscription.CurrentPeriod.End).IsSuccess);
        Assert.Equal(5_900, RecurringRevenue.MonthlyOf(subscription.ToSnapshot()).Minor);
    }

    [Theory]
    [InlineData(100, 12, 8)]
    [InlineData(6, 12, 1)]
    [InlineData(5, 12, 0)]
    [InlineData(-6, 12, -1)]
    [InlineData(10, 3, 3)]
    [InlineData(11, 3, 4)]
    public void Per_month_rounds_half_away_from_zero(long perPeriod, int months, long expected) =>
        Assert.Equal(expected, RecurringRevenue.PerMonth(perPeriod, months));

    private static Subscription SubscribeAndBillWith(Plan plan, int quantity, IReadOnlyList<AddOnItem> addOns)
    {
        var subscription = Subscribe(plan, Start, quantity, addOns: addOns);
        Assert.True(subscription.Renew(Start).IsSuccess);
        return subscription;
    }
}
