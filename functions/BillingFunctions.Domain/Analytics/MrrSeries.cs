using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Subscriptions;

namespace BillingFunctions.Domain.Analytics;

/// <summary>One currency's months, closed in order from the first month anyone paid.</summary>
public static class MrrSeries
{
    /// <summary>
    /// Closes every month from the first one with a history point in <paramref name="currency"/> through
    /// <paramref name="through"/>, from the subscriptions' MRR histories; whether a customer is new or returning depends
    /// on all months before, so a series always starts at the beginning. Empty when no subscription ever paid in it.
    /// </summary>
    public static IReadOnlyList<(MrrSnapshot Closed, MrrMovements Movements)> Close(IReadOnlyCollection<SubscriptionSnapshot> subscriptions,
        Currency currency, AnalyticsMonth through)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        var inCurrency = subscriptions.Where(s => s.Plan.Currency == currency).ToList();
        var starts = inCurrency.Select(FirstPaying).OfType<DateTimeOffset>().ToList();
        if (starts.Count == 0) return [];
        var first = AnalyticsMonth.Of(starts.Min());
        var months = new List<(MrrSnapshot, MrrMovements)>();
        var snapshot = MrrSnapshot.Empty(first.Previous, currency);
        for (var month = first; month.CompareTo(through) <= 0; month = month.Next)
        {
            var (next, movements) = snapshot.Close(CustomerMrr.AtEndOf(month, currency, inCurrency));
            months.Add((next, movements));
            snapshot = next;
        }
        return months;
    }

    /// <summary>
    /// The same months as <see cref="Close"/>, each as it is stored: every paying customer's MRR at the month's end and
    /// whether they had paid at an earlier month's end.
    /// </summary>
    public static IReadOnlyList<(AnalyticsMonth Month, IReadOnlyDictionary<CustomerId, MonthEntry> Entries)> Entries(
        IReadOnlyCollection<SubscriptionSnapshot> subscriptions, Currency currency, AnalyticsMonth through)
    {
        var series = Close(subscriptions, currency, through);
        return [.. series.Select((month, i) => (month.Closed.Month,
            month.Closed.Entries(i == 0 ? MrrSnapshot.Empty(month.Closed.Month.Previous, currency) : series[i - 1].Closed)))];
    }

    private static DateTimeOffset? FirstPaying(SubscriptionSnapshot subscription) =>
        subscription.MrrHistory.Count > 0 ? subscription.MrrHistory[0].From
        : RecurringRevenue.MonthlyOf(subscription).Minor > 0 ? subscription.CurrentPeriod.Start
        : null;
}
