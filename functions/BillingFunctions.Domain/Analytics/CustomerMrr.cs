using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Subscriptions;

namespace BillingFunctions.Domain.Analytics;

/// <summary>Customers' MRR read back from their subscriptions' MRR histories.</summary>
public static class CustomerMrr
{
    /// <summary>
    /// What the subscription brought each month just before <paramref name="instant"/>: the latest history point from
    /// before it. A subscription stored before histories were kept counts with its current MRR from its current period's
    /// start, the best the row can say.
    /// </summary>
    public static long Before(SubscriptionSnapshot subscription, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (subscription.MrrHistory.Count == 0)
            return subscription.CurrentPeriod.Start < instant ? RecurringRevenue.MonthlyOf(subscription).Minor : 0;
        MrrPoint? latest = null;
        foreach (var point in subscription.MrrHistory)
        {
            if (point.From < instant && (latest is null || point.From >= latest.From)) latest = point;
        }
        return latest?.Monthly ?? 0;
    }

    /// <summary>Each customer's MRR in <paramref name="currency"/> at the end of <paramref name="month"/>, customers at zero left out.</summary>
    public static IReadOnlyDictionary<CustomerId, long> AtEndOf(AnalyticsMonth month, Currency currency,
        IEnumerable<SubscriptionSnapshot> subscriptions)
    {
        var byCustomer = new Dictionary<CustomerId, long>();
        foreach (var subscription in subscriptions.Where(s => s.Plan.Currency == currency))
        {
            var monthly = Before(subscription, month.End);
            if (monthly != 0) byCustomer[subscription.Customer] = byCustomer.GetValueOrDefault(subscription.Customer) + monthly;
        }
        return byCustomer;
    }
}
