using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Subscriptions;

namespace BillingFunctions.Domain.Analytics;

/// <summary>What a subscription adds to monthly recurring revenue.</summary>
public static class RecurringRevenue
{
    /// <summary>
    /// The subscription's recurring charge normalised to one month: the plan's unit price for the current period times the
    /// quantity, plus each add-on's, divided by the interval's months (a quarter by 3, a year by 12), rounded half away from
    /// zero to a minor unit. Trials, paused and canceled subscriptions bring none: they are not being paid for. One-off
    /// lines (prorations, a first short period) are not recurring and are left out, as Stripe's and ChartMogul's MRR do.
    /// </summary>
    public static Money MonthlyOf(SubscriptionSnapshot subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var currency = subscription.Plan.Currency;
        if (subscription.Status != SubscriptionStatus.Active) return Money.Zero(currency);
        var perPeriod = subscription.Plan.PriceFor(subscription.CurrentPeriod.Start).Times(subscription.Quantity);
        foreach (var item in subscription.AddOns) perPeriod += item.AddOn.Price.Times(item.Quantity);
        return new Money(PerMonth(perPeriod.Minor, subscription.Plan.Interval.Months), currency);
    }

    /// <summary>Minor units per month, half away from zero: MRR is reported, never charged, so it is not rounded to a charge step.</summary>
    public static long PerMonth(long perPeriod, int months)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        var (quotient, remainder) = Math.DivRem(perPeriod, months);
        return Math.Abs(remainder) * 2 >= months ? quotient + Math.Sign(perPeriod) : quotient;
    }
}
