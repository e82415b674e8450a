using BillingFunctions.Domain.Analytics;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.Tests.Analytics;

/// <summary>
/// A small tenant's 2026, figures worked out by hand. MRR at each month's end, in USD cents:
/// <code>
///            A (monthly)  B (monthly)  C (monthly)  D (yearly 1,200.00)  total
/// Jan        10,000       5,000        -            -                    15,000   A, B new
/// Feb        10,000       5,000        20,000       10,000               45,000   C, D new (D: 120,000 / 12)
/// Mar        15,000       5,000        20,000       10,000               50,000   A upgrades: expansion 5,000
/// Apr        15,000       3,000        20,000       10,000               48,000   B downgrades: contraction 2,000
/// May-Jul    15,000       3,000        -            10,000               28,000   C cancels: churn 20,000 (1 of 4 logos)
/// Aug-Dec    15,000       3,000        20,000       10,000               48,000   C comes back: reactivation 20,000
/// Jan 2027   as December                                                 48,000
/// </code>
/// and one EUR customer E at 9,000 from March, which never mixes with USD.
/// </summary>
public class MrrYearTests
{
    private static readonly CustomerId A = new("cus_a"), B = new("cus_b"), C = new("cus_c"), D = new("cus_d"), E = new("cus_e");

    private static Dictionary<CustomerId, long> UsdAt(AnalyticsMonth month) => month.Number switch
    {
        _ when month.Year == 2027 => UsdAt(new AnalyticsMonth(2026, 12)),
        1 => new() { [A] = 10_000, [B] = 5_000 },
        2 => new() { [A] = 10_000, [B] = 5_000, [C] = 20_000, [D] = 10_000 },
        3 => new() { [A] = 15_000, [B] = 5_000, [C] = 20_000, [D] = 10_000 },
        4 => new() { [A] = 15_000, [B] = 3_000, [C] = 20_000, [D] = 10_000 },
        5 or 6 or 7 => new() { [A] = 15_000, [B] = 3_000, [D] = 10_000 },
        _ => new() { [A] = 15_000, [B] = 3_000, [C] = 20_000, [D] = 10_000 },
    };

    /// <summary>Closes every month from January 2026 to January 2027, as the month-end timer would.</summary>
    private static List<(MrrSnapshot Closed, MrrMovements Movements)> CloseYear(Currency currency,
        Func<AnalyticsMonth, Dictionary<CustomerId, long>> mrrAt)
    {
        var snapshot = MrrSnapshot.Empty(new AnalyticsMonth(2025, 12), currency);
        var closed = new List<(MrrSnapshot, MrrMovements)>();
        for (var month = new AnalyticsMonth(2026, 1); month.CompareTo(new AnalyticsMonth(2027, 1)) <= 0; month = month.Next)
        {
            var (next, movements) = snapshot.Close(mrrAt(month));
            Assert.Equal(month, next.Month);
            closed.Add((next, movements));
            snapshot = next;
        }
        return closed;
    }

    private static MrrMovements In(List<(MrrSnapshot Closed, MrrMovements Movements)> year, int month) => year[month - 1].Movements;

    [Fact]
    public void Each_months_movements_are_the_ones_worked_out_by_hand()
    {
        var year = CloseYear(Currency.Usd, UsdAt);

        Assert.Equal((15_000, 2), (In(year, 1).New.Minor, In(year, 1).NewCustomers));
        Assert.Equal((30_000, 2), (In(year, 2).New.Minor, In(year, 2).NewCustomers));
        Assert.Equal(5_000, In(year, 3).Expansion.Minor);
        Assert.Equal(2_000, In(year, 4).Contraction.Minor);
        Assert.Equal((20_000, 1), (In(year, 5).Churned.Minor, In(year, 5).ChurnedCustomers));
        Assert.Equal((0L, 0L, 0L, 0L, 0L), Quiet(In(year, 6)));
        Assert.Equal((20_000, 1), (In(year, 8).Reactivation.Minor, In(year, 8).ReactivatedCustomers));
        Assert.Equal(0, In(year, 8).New.Minor);
        Assert.Equal([15_000, 45_000, 50_000, 48_000, 28_000, 28_000, 28_000, 48_000, 48_000, 48_000, 48_000, 48_000, 48_000],
            year.Select(m => m.Movements.Closing.Minor));
    }

    [Fact]
    public void Churn_rates_and_arpa_are_the_ones_worked_out_by_hand()
    {
        var may = In(CloseYear(Currency.Usd, UsdAt), 5);

        // 1 of the 4 customers paying at the end of April; 20,000 of 48,000 MRR (0.41666... to four places).
        Assert.Equal(0.25m, may.LogoChurnRate);
        Assert.Equal(0.4167m, may.RevenueChurnRate);
        Assert.Equal(0.4167m, may.NetRevenueChurnRate);
        // 28,000 over 3 paying customers is 9,333.33...
        Assert.Equal(new Money(9_333, Currency.Usd), may.Arpa);
        // April: contraction 2,000 of 50,000 opening.
        Assert.Equal(0.04m, In(CloseYear(Currency.Usd, UsdAt), 4).RevenueChurnRate);
    }

    [Fact]
    public void Trailing_twelve_month_retention_counts_only_the_customers_paying_at_the_start()
    {
        var year = CloseYear(Currency.Usd, UsdAt);

        // January 2026's customers are A (10,000) and B (5,000); in January 2027 they pay 15,000 and 3,000. C and D joined
        // later and do not count. Net: 18,000 / 15,000. Gross: (10,000 + 3,000) / 15,000 = 0.86666...
        var retention = Retention.Between(year[0].Closed, year[12].Closed);

        Assert.Equal(1.2m, retention.Net);
        Assert.Equal(0.8667m, retention.Gross);
    }

    [Fact]
    public void Currencies_are_closed_apart_and_never_summed()
    {
        var euro = CloseYear(Currency.Eur, month => month.Number >= 3 || month.Year == 2027 ? new() { [E] = 9_000 } : []);
        var usd = CloseYear(Currency.Usd, UsdAt);

        Assert.Equal(new Money(9_000, Currency.Eur), euro[2].Movements.New);
        Assert.Equal(new Money(48_000, Currency.Usd), usd[^1].Movements.Closing);
        Assert.Equal(new Money(9_000, Currency.Eur), euro[^1].Movements.Closing);
        Assert.Throws<InvalidOperationException>(() => usd[^1].Movements.Closing + euro[^1].Movements.Closing);
    }

    [Fact]
    public void The_year_adds_up_to_the_change_in_mrr()
    {
        var year = CloseYear(Currency.Usd, UsdAt);

        Assert.Equal(48_000, year.Sum(m => m.Movements.NetChange.Minor));
        Assert.Equal(48_000 + 20_000 + 2_000, year.Sum(m => (m.Movements.New + m.Movements.Reactivation + m.Movements.Expansion).Minor));
    }

    private static (long, long, long, long, long) Quiet(MrrMovements m) =>
        (m.New.Minor, m.Reactivation.Minor, m.Expansion.Minor, m.Contraction.Minor, m.Churned.Minor);
}
