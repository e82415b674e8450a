using BillingFunctions.Domain.Analytics;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using FsCheck;
using FsCheck.Fluent;

namespace BillingFunctions.Domain.Tests.Analytics;

/// <summary>Invariants of MRR movements over random histories: up to 8 customers, up to 30 months, MRR often zero.</summary>
public class MrrPropertyTests
{
    private static readonly Arbitrary<long[][]> Histories =
        Gen.Choose(1, 30).SelectMany(months => Gen.Choose(1, 8).SelectMany(customers =>
            Gen.ArrayOf(Gen.ArrayOf(Gen.OneOf(Gen.Constant(0L), Gen.Choose(1, 50_000).Select(v => (long)v)), customers), months)))
        .ToArbitrary();

    private static Dictionary<CustomerId, long> Month(long[] mrr) =>
        mrr.Select((value, i) => (Customer: new CustomerId($"cus_{i}"), value)).ToDictionary(c => c.Customer, c => c.value);

    private static List<(MrrSnapshot Closed, MrrMovements Movements)> CloseAll(long[][] history)
    {
        var snapshot = MrrSnapshot.Empty(new AnalyticsMonth(2026, 1), Currency.Usd);
        var closed = new List<(MrrSnapshot, MrrMovements)>();
        foreach (var month in history)
        {
            var (next, movements) = snapshot.Close(Month(month));
            closed.Add((next, movements));
            snapshot = next;
        }
        return closed;
    }

    [Fact]
    public void Every_months_movements_add_up_to_its_change_in_mrr() => Prop.ForAll(Histories, history =>
    {
        var closed = CloseAll(history);
        var opening = 0L;
        for (var m = 0; m < history.Length; m++)
        {
            var movements = closed[m].Movements;
            if (movements.Opening.Minor != opening || movements.Closing.Minor != history[m].Sum()) return false;
            if (movements.ClosingCustomers != history[m].Count(v => v > 0)) return false;
            opening = movements.Closing.Minor;
        }
        return closed.Sum(c => c.Movements.NetChange.Minor) == history[^1].Sum();
    }).QuickCheckThrowOnFailure();

    [Fact]
    public void A_customer_is_new_once_and_reactivated_only_after_paying_before() => Prop.ForAll(Histories, history =>
    {
        var closed = CloseAll(history);
        var everPaying = Enumerable.Range(0, history[0].Length).Count(c => history.Any(month => month[c] > 0));
        var returns = Enumerable.Range(0, history[0].Length).Sum(c => Returns(history.Select(month => month[c]).ToArray()));
        return closed.Sum(c => c.Movements.NewCustomers) == everPaying && closed.Sum(c => c.Movements.ReactivatedCustomers) == returns;
    }).QuickCheckThrowOnFailure();

    [Fact]
    public void Gross_retention_never_exceeds_one_or_net_retention() => Prop.ForAll(Histories, history =>
    {
        var closed = CloseAll(history);
        var retention = Retention.Between(closed[0].Closed, closed[^1].Closed);
        return retention.Gross is null ? retention.Net is null : retention.Gross <= 1 && retention.Gross <= retention.Net;
    }).QuickCheckThrowOnFailure();

    /// <summary>How often a customer starts paying again after a month at zero, counted by hand from its months.</summary>
    private static int Returns(long[] months)
    {
        var (paidBefore, returns) = (false, 0);
        for (var m = 0; m < months.Length; m++)
        {
            if (months[m] > 0 && paidBefore && (m == 0 || months[m - 1] == 0)) returns++;
            paidBefore |= months[m] > 0;
        }
        return returns;
    }
}
