using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.Analytics;

/// <summary>
/// One currency's MRR at the end of a month, per customer, and every customer who has ever paid in it (which is what
/// tells a returning customer from a new one). Closing the next month from it yields the month's movements; a month
/// once closed is never recomputed.
/// </summary>
public sealed record MrrSnapshot(
    AnalyticsMonth Month,
    Currency Currency,
    IReadOnlyDictionary<CustomerId, long> ByCustomer,
    IReadOnlySet<CustomerId> EverPaying)
{
    /// <summary>The end of a month before anyone paid: nothing, and no one has paid yet.</summary>
    public static MrrSnapshot Empty(AnalyticsMonth month, Currency currency) =>
        new(month, currency, new Dictionary<CustomerId, long>(), new HashSet<CustomerId>());

    public Money Total => new(ByCustomer.Values.Sum(), Currency);

    public int PayingCustomers => ByCustomer.Count;

    /// <summary>
    /// Closes the month after this one: <paramref name="closing"/> is each customer's MRR at its end (customers at zero may be
    /// left out). Every customer's change lands in exactly one movement, so opening plus the movements is the closing MRR.
    /// </summary>
    public (MrrSnapshot Next, MrrMovements Movements) Close(IReadOnlyDictionary<CustomerId, long> closing)
    {
        ArgumentNullException.ThrowIfNull(closing);
        if (closing.Values.Any(v => v < 0)) throw new ArgumentException("MRR cannot be negative.", nameof(closing));
        var paying = closing.Where(c => c.Value > 0).ToDictionary();
        var month = paying.ToDictionary(c => c.Key, c => new MonthEntry(c.Value, EverPaying.Contains(c.Key)));
        var ever = new HashSet<CustomerId>(EverPaying);
        ever.UnionWith(paying.Keys);
        return (new MrrSnapshot(Month.Next, Currency, paying, ever), MrrMovements.Between(Currency, ByCustomer, month));
    }

    /// <summary>The month's entries as they are stored: each paying customer's MRR and whether they had paid at an earlier month's end.</summary>
    public IReadOnlyDictionary<CustomerId, MonthEntry> Entries(MrrSnapshot previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return ByCustomer.ToDictionary(c => c.Key, c => new MonthEntry(c.Value, previous.EverPaying.Contains(c.Key)));
    }
}

/// <summary>A paying customer at a month's end: their MRR, and whether they had paid at the end of an earlier month.</summary>
public readonly record struct MonthEntry(long Mrr, bool Returning);
