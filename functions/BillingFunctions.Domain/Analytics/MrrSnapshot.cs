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
        var movements = new MrrMovements.Builder(Currency);
        foreach (var customer in ByCustomer.Keys.Union(paying.Keys))
        {
            var before = ByCustomer.GetValueOrDefault(customer);
            var after = paying.GetValueOrDefault(customer);
            movements.Add(before, after, returning: EverPaying.Contains(customer));
        }
        var ever = new HashSet<CustomerId>(EverPaying);
        ever.UnionWith(paying.Keys);
        return (new MrrSnapshot(Month.Next, Currency, paying, ever), movements.Build(Total, ByCustomer.Count));
    }
}
