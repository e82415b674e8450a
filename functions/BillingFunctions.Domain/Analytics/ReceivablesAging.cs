using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.Analytics;

/// <summary>An open invoice's unpaid amount and when it was due (none: charged automatically, due at once).</summary>
public sealed record OpenReceivable(Money AmountDue, DateOnly IssuedOn, DateOnly? DueOn);

public enum AgingBucket { Current, Days1To30, Days31To60, Days61To90, Over90 }

/// <summary>
/// One currency's open receivables by days past due on a date: not yet due (current), 1-30, 31-60, 61-90 and over 90
/// days. An invoice without a due date is due on the day it was issued.
/// </summary>
public sealed record ReceivablesAging(Currency Currency, DateOnly On, IReadOnlyDictionary<AgingBucket, Money> Amounts,
    IReadOnlyDictionary<AgingBucket, int> Counts)
{
    public Money Total => Amounts.Values.Aggregate(Money.Zero(Currency), (sum, amount) => sum + amount);

    public static IReadOnlyList<ReceivablesAging> Of(IEnumerable<OpenReceivable> receivables, DateOnly on) =>
        [.. receivables.GroupBy(r => r.AmountDue.Currency).OrderBy(g => g.Key.Code, StringComparer.Ordinal).Select(g => Of(g.Key, g, on))];

    public static AgingBucket BucketOf(OpenReceivable receivable, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(receivable);
        var daysPastDue = on.DayNumber - (receivable.DueOn ?? receivable.IssuedOn).DayNumber;
        return daysPastDue switch
        {
            <= 0 => AgingBucket.Current,
            <= 30 => AgingBucket.Days1To30,
            <= 60 => AgingBucket.Days31To60,
            <= 90 => AgingBucket.Days61To90,
            _ => AgingBucket.Over90,
        };
    }

    /// <summary>
    /// Days sales outstanding over the <paramref name="days"/> days ending on <see cref="On"/>: what is still owed, over
    /// what was invoiced in those days, times the days (the count-back-free standard formula). Null when nothing was invoiced.
    /// </summary>
    public decimal? DaysSalesOutstanding(Money invoicedInWindow, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        if (invoicedInWindow.Currency != Currency) throw new ArgumentException("DSO is measured in one currency.", nameof(invoicedInWindow));
        return invoicedInWindow.Minor <= 0 ? null : Math.Round((decimal)Total.Minor / invoicedInWindow.Minor * days, 1,
            MidpointRounding.AwayFromZero);
    }

    /// <summary>One currency's aging; with no receivables, every bucket at zero.</summary>
    public static ReceivablesAging Of(Currency currency, IEnumerable<OpenReceivable> receivables, DateOnly on)
    {
        var amounts = Enum.GetValues<AgingBucket>().ToDictionary(b => b, _ => Money.Zero(currency));
        var counts = Enum.GetValues<AgingBucket>().ToDictionary(b => b, _ => 0);
        foreach (var receivable in receivables)
        {
            var bucket = BucketOf(receivable, on);
            amounts[bucket] += receivable.AmountDue;
            counts[bucket]++;
        }
        return new ReceivablesAging(currency, on, amounts, counts);
    }
}
