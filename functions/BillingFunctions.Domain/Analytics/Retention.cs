using BillingFunctions.Domain.Invoices;

namespace BillingFunctions.Domain.Analytics;

/// <summary>Revenue retention of the customers who paid at the start of a window (trailing twelve months, as usual).</summary>
public sealed record Retention(decimal? Net, decimal? Gross)
{
    /// <summary>
    /// Of the customers paying at the end of <paramref name="start"/>'s month: their MRR at the end of
    /// <paramref name="end"/>'s month over their MRR then. Net counts their expansion, so it can exceed 1; gross caps each
    /// customer at what they paid at the start, so it never does. Customers who joined inside the window do not count.
    /// </summary>
    public static Retention Between(MrrSnapshot start, MrrSnapshot end)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        if (start.Currency != end.Currency) throw new ArgumentException("Retention is measured in one currency.", nameof(end));
        return Between(start.ByCustomer, end.ByCustomer);
    }

    /// <summary>As above, from each customer's MRR at the two ends (one currency).</summary>
    public static Retention Between(IReadOnlyDictionary<CustomerId, long> start, IReadOnlyDictionary<CustomerId, long> end)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        long then = 0, now = 0, capped = 0;
        foreach (var (customer, startMrr) in start)
        {
            var endMrr = end.GetValueOrDefault(customer);
            then += startMrr;
            now += endMrr;
            capped += Math.Min(startMrr, endMrr);
        }
        return new Retention(MrrMovements.Rate(now, then), MrrMovements.Rate(capped, then));
    }
}
