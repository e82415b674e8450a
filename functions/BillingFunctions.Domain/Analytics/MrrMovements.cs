using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.Analytics;

/// <summary>
/// How one currency's MRR moved over a month, each customer counted in exactly one movement: <b>new</b> (first time
/// paying), <b>reactivation</b> (paying again after a month or more at zero), <b>expansion</b> and <b>contraction</b>
/// (paying more or less than at the month's start), <b>churned</b> (paying at the start, nothing at the end). Contraction
/// and churn are positive amounts that reduce MRR, so
/// <c>Opening + New + Reactivation + Expansion - Contraction - Churned == Closing</c> always holds.
/// </summary>
public sealed record MrrMovements(
    Money Opening,
    Money New,
    Money Reactivation,
    Money Expansion,
    Money Contraction,
    Money Churned,
    int OpeningCustomers,
    int NewCustomers,
    int ReactivatedCustomers,
    int ChurnedCustomers)
{
    public Money Closing => Opening + New + Reactivation + Expansion - Contraction - Churned;

    public Money NetChange => Closing - Opening;

    public int ClosingCustomers => OpeningCustomers + NewCustomers + ReactivatedCustomers - ChurnedCustomers;

    /// <summary>Customers lost over those paying at the start; null without any.</summary>
    public decimal? LogoChurnRate => Rate(ChurnedCustomers, OpeningCustomers);

    /// <summary>Gross MRR churn: MRR lost to churn and contraction over the opening MRR; null at zero.</summary>
    public decimal? RevenueChurnRate => Rate((Churned + Contraction).Minor, Opening.Minor);

    /// <summary>Net MRR churn: as gross, less expansion and reactivation; negative when existing customers grew.</summary>
    public decimal? NetRevenueChurnRate => Rate((Churned + Contraction - Expansion - Reactivation).Minor, Opening.Minor);

    /// <summary>Average revenue per paying account at the month's end, half away from zero; null with none paying.</summary>
    public Money? Arpa => ClosingCustomers == 0 ? null : new Money(RecurringRevenue.PerMonth(Closing.Minor, ClosingCustomers), Opening.Currency);

    /// <summary>
    /// The movements between two month ends: <paramref name="opening"/> each customer's MRR at the start, and
    /// <paramref name="closing"/> each paying customer's at the end with whether they had paid before. Any subset of
    /// customers (those a rep may see) gives that subset's movements, which add up to its own change in MRR.
    /// </summary>
    public static MrrMovements Between(Currency currency, IReadOnlyDictionary<CustomerId, long> opening,
        IReadOnlyDictionary<CustomerId, MonthEntry> closing)
    {
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(closing);
        var builder = new Builder(currency);
        foreach (var customer in opening.Keys.Union(closing.Keys))
        {
            var after = closing.GetValueOrDefault(customer);
            builder.Add(opening.GetValueOrDefault(customer), after.Mrr, after.Returning);
        }
        return builder.Build(new Money(opening.Values.Sum(), currency), opening.Count(c => c.Value > 0));
    }

    /// <summary>A fraction to four decimals (0.0523 is 5.23 %), half away from zero.</summary>
    public static decimal? Rate(long part, long whole) =>
        whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);

    private sealed class Builder(Currency currency)
    {
        private long _new, _reactivation, _expansion, _contraction, _churned;
        private int _newCustomers, _reactivated, _churnedCustomers;

        public void Add(long before, long after, bool returning)
        {
            if (before == 0 && after > 0)
            {
                if (returning) (_reactivation, _reactivated) = (_reactivation + after, _reactivated + 1);
                else (_new, _newCustomers) = (_new + after, _newCustomers + 1);
            }
            else if (before > 0 && after == 0) (_churned, _churnedCustomers) = (_churned + before, _churnedCustomers + 1);
            else if (after > before) _expansion += after - before;
            else if (after < before) _contraction += before - after;
        }

        public MrrMovements Build(Money opening, int openingCustomers) => new(opening,
            new(_new, currency), new(_reactivation, currency), new(_expansion, currency), new(_contraction, currency),
            new(_churned, currency), openingCustomers, _newCustomers, _reactivated, _churnedCustomers);
    }
}
