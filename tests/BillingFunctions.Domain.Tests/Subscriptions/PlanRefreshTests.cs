using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Monetary;
using static BillingFunctions.Domain.Tests.Subscriptions.SubscriptionFixtures;

namespace BillingFunctions.Domain.Tests.Subscriptions;

public class PlanRefreshTests
{
    [Fact]
    public void A_price_change_taken_in_from_the_catalog_prices_the_next_period_not_the_billed_one()
    {
        var plan = MonthlyPlan("Basic", 1000);
        var subscription = Subscribe(plan, Utc(2026, 1, 1), quantity: 2);
        Assert.Equal(2000, subscription.Renew(Utc(2026, 1, 1)).Value.Lines.Sum(l => l.Amount.Minor));

        subscription.RefreshPlan(plan.ChangePrice(new Money(1500, plan.Currency), Utc(2026, 1, 15)).Value);

        Assert.Equal(3000, subscription.Renew(Utc(2026, 2, 1)).Value.Lines.Sum(l => l.Amount.Minor));
    }

    [Fact]
    public void Another_plan_is_not_taken_in()
    {
        var subscription = Subscribe(MonthlyPlan("Basic", 1000), Utc(2026, 1, 1));
        var other = Plan.Create(new PlanId("pro"), new ProductId("prod"), "Pro", new Money(9000, Currency.Usd), BillingInterval.Monthly).Value;

        subscription.RefreshPlan(other);

        Assert.Equal("Basic", subscription.Plan.Name);
    }
}
