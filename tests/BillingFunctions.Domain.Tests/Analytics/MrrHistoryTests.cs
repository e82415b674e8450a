using BillingFunctions.Domain.Analytics;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;
using static BillingFunctions.Domain.Tests.Subscriptions.SubscriptionFixtures;

namespace BillingFunctions.Domain.Tests.Analytics;

/// <summary>A subscription keeps its MRR history, so any past month's MRR can be read back from the row as it is today.</summary>
public class MrrHistoryTests
{
    private static readonly Plan Team = MonthlyPlan("Team", 4_900);

    private static long EndOf(Subscription subscription, int year, int month) =>
        CustomerMrr.Before(subscription.ToSnapshot(), new AnalyticsMonth(year, month).End);

    [Fact]
    public void Upgrades_pauses_and_a_cancellation_show_in_the_months_they_happened()
    {
        var subscription = SubscribeAndBill(Team, Utc(2026, 1, 15));
        Assert.True(subscription.Renew(Utc(2026, 2, 15)).IsSuccess);
        Assert.True(subscription.ChangeNow(Team, 3, Utc(2026, 2, 20)).IsSuccess);
        Assert.True(subscription.Renew(Utc(2026, 3, 15)).IsSuccess);
        Assert.True(subscription.Pause(Utc(2026, 3, 20)).IsSuccess);
        Assert.True(subscription.Renew(Utc(2026, 4, 15)).IsSuccess);
        Assert.True(subscription.Resume(Utc(2026, 5, 2)).IsSuccess);
        Assert.True(subscription.Renew(Utc(2026, 5, 15)).IsSuccess);
        Assert.True(subscription.CancelAtPeriodEnd(Utc(2026, 5, 20)).IsSuccess);
        Assert.True(subscription.Renew(Utc(2026, 6, 15)).IsSuccess);

        Assert.Equal([0L, 4_900, 14_700, 0, 0, 14_700, 0, 0],
            Enumerable.Range(0, 8).Select(m => EndOf(subscription, 2025 + (m + 11) / 12, (m + 11) % 12 + 1)));
    }

    [Fact]
    public void A_trial_brings_nothing_until_the_first_paid_period()
    {
        var subscription = Subscribe(Team, Utc(2026, 1, 20), trialEnd: Utc(2026, 2, 3));
        Assert.True(subscription.Renew(Utc(2026, 2, 3)).IsSuccess);

        Assert.Equal((0L, 4_900L), (EndOf(subscription, 2026, 1), EndOf(subscription, 2026, 2)));
    }

    [Fact]
    public void A_price_change_shows_from_the_period_it_applies_to()
    {
        var subscription = SubscribeAndBill(Team, Utc(2026, 1, 15));
        subscription.RefreshPlan(Team.ChangePrice(new Money(5_900, Currency.Usd), Utc(2026, 2, 1)).Value);
        Assert.True(subscription.Renew(Utc(2026, 2, 15)).IsSuccess);

        Assert.Equal((4_900L, 5_900L), (EndOf(subscription, 2026, 1), EndOf(subscription, 2026, 2)));
    }

    [Fact]
    public void A_row_from_before_histories_counts_its_current_mrr_from_its_current_period()
    {
        var subscription = SubscribeAndBill(Team, Utc(2026, 1, 15));
        Assert.True(subscription.Renew(Utc(2026, 2, 15)).IsSuccess);
        var legacy = subscription.ToSnapshot() with { MrrHistory = [] };

        Assert.Equal(0, CustomerMrr.Before(legacy, new AnalyticsMonth(2026, 1).End));
        Assert.Equal(4_900, CustomerMrr.Before(legacy, new AnalyticsMonth(2026, 2).End));
    }

    [Fact]
    public void A_series_starts_at_the_first_paying_month_and_tells_a_returning_customer_from_a_new_one()
    {
        var first = SubscribeAndBill(Team, Utc(2026, 2, 10));
        Assert.True(first.CancelNow(Utc(2026, 3, 5)).IsSuccess);
        var again = Subscription.Create(new NewSubscription
        {
            Id = new SubscriptionId("sub_2"), Tenant = new TenantId("t1"), Customer = new CustomerId("cus_1"), Plan = Team, Start = Utc(2026, 5, 1),
        }).Value;
        Assert.True(again.Renew(Utc(2026, 5, 1)).IsSuccess);

        var series = MrrSeries.Close([first.ToSnapshot(), again.ToSnapshot()], Currency.Usd, new AnalyticsMonth(2026, 6));

        Assert.Equal(new AnalyticsMonth(2026, 2), series[0].Closed.Month);
        Assert.Equal([4_900L, 0, 0, 4_900, 4_900], series.Select(m => m.Movements.Closing.Minor));
        Assert.Equal((4_900L, 0L), (series[0].Movements.New.Minor, series[0].Movements.Reactivation.Minor));
        Assert.Equal(4_900, series[1].Movements.Churned.Minor);
        Assert.Equal((0L, 4_900L), (series[3].Movements.New.Minor, series[3].Movements.Reactivation.Minor));
        Assert.Empty(MrrSeries.Close([first.ToSnapshot()], Currency.Eur, new AnalyticsMonth(2026, 6)));
    }

    /// <summary>
    /// Random lives of a few subscriptions over 18 months. At each month's end the month is closed from the subscriptions as
    /// they are then (what the month-close timer sees); at the end every month is rebuilt from the final rows' histories
    /// (what the recompute endpoint does). The two must agree, customer by customer.
    /// </summary>
    [Fact]
    public void Months_rebuilt_from_the_final_rows_equal_the_months_closed_as_they_ended()
    {
        var plans = new[] { Team, MonthlyPlan("Pro", 12_000), YearlyPlan("Pro", 100_000) };
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var start = Utc(2026, 1, 1);
            var subscriptions = Enumerable.Range(0, random.Next(1, 5)).Select(i => Subscription.Create(new NewSubscription
            {
                Id = new SubscriptionId($"sub_{i}"), Tenant = new TenantId("t1"), Customer = new CustomerId($"cus_{random.Next(0, 3)}"),
                Plan = plans[random.Next(plans.Length)], Quantity = random.Next(1, 4), Start = start.AddDays(random.Next(0, 60)),
                TrialEnd = random.Next(4) == 0 ? start.AddDays(random.Next(61, 90)) : null,
            }).Value).ToList();
            var closed = new Dictionary<AnalyticsMonth, IReadOnlyDictionary<CustomerId, long>>();
            var now = start;
            for (var month = new AnalyticsMonth(2026, 1); month.CompareTo(new AnalyticsMonth(2027, 6)) <= 0; month = month.Next)
            {
                while ((now = now.AddDays(random.Next(1, 12)).AddHours(random.Next(0, 24))) < month.End)
                {
                    foreach (var s in subscriptions) CatchUp(s, now);
                    var live = subscriptions.Where(s => s.ToSnapshot().Timeline[0].At <= now).ToList();
                    if (live.Count > 0) Act(live[random.Next(live.Count)], random, plans, now);
                }
                foreach (var s in subscriptions) CatchUp(s, month.End);
                closed[month] = Live(subscriptions.Where(s => s.ToSnapshot().Timeline[0].At < month.End));
                now = month.End;
            }

            var final = subscriptions.Select(s => s.ToSnapshot()).ToList();
            foreach (var (month, figures) in closed)
                Assert.Equal(figures.OrderBy(f => f.Key.Value), CustomerMrr.AtEndOf(month, Currency.Usd, final).OrderBy(f => f.Key.Value));
            AssertSnapshotsRebuiltEqualThoseClosedMonthByMonth(closed, final);
        }
    }

    /// <summary>
    /// Closes the months one by one from what was live at each month's end (the timer's snapshots), checking that each
    /// month's movements take the MRR at the end of the month before to the MRR at its end, and compares every snapshot and
    /// its movements with the series a recompute rebuilds from the final rows.
    /// </summary>
    private static void AssertSnapshotsRebuiltEqualThoseClosedMonthByMonth(Dictionary<AnalyticsMonth, IReadOnlyDictionary<CustomerId, long>> closed,
        IReadOnlyList<SubscriptionSnapshot> final)
    {
        var rebuilt = MrrSeries.Close(final, Currency.Usd, closed.Keys.Max()).ToDictionary(m => m.Closed.Month);
        var snapshot = MrrSnapshot.Empty(closed.Keys.Min().Previous, Currency.Usd);
        foreach (var (month, figures) in closed.OrderBy(c => c.Key))
        {
            var (next, movements) = snapshot.Close(figures);
            // Closing is opening plus the movements, so this says the movements add up to the month's change in MRR.
            Assert.Equal((snapshot.Total.Minor, figures.Values.Sum()), (movements.Opening.Minor, movements.Closing.Minor));
            if (rebuilt.TryGetValue(month, out var again))
            {
                Assert.Equal(next.ByCustomer.OrderBy(c => c.Key.Value), again.Closed.ByCustomer.OrderBy(c => c.Key.Value));
                Assert.Equal(next.EverPaying.OrderBy(c => c.Value), again.Closed.EverPaying.OrderBy(c => c.Value));
                Assert.Equal(movements, again.Movements);
            }
            else
            {
                Assert.Empty(next.EverPaying);
            }
            snapshot = next;
        }
    }

    /// <summary>Bills every period that started before <paramref name="limit"/>, as the renewal timer would.</summary>
    private static void CatchUp(Subscription subscription, DateTimeOffset limit)
    {
        while (subscription.NextRenewalAt is { } due && due < limit) Assert.True(subscription.Renew(due).IsSuccess);
    }

    private static void Act(Subscription subscription, Random random, Plan[] plans, DateTimeOffset now)
    {
        var plan = plans[random.Next(plans.Length)];
        _ = random.Next(7) switch
        {
            0 or 1 => subscription.ChangeNow(plan, random.Next(1, 5), now).IsSuccess,
            2 => subscription.ChangeAtPeriodEnd(plan, random.Next(1, 5), now).IsSuccess,
            3 => subscription.Pause(now).IsSuccess,
            4 => subscription.Resume(now).IsSuccess,
            5 => subscription.CancelAtPeriodEnd(now).IsSuccess,
            _ => random.Next(4) == 0 && subscription.CancelNow(now).IsSuccess,
        };
    }

    private static Dictionary<CustomerId, long> Live(IEnumerable<Subscription> subscriptions)
    {
        var byCustomer = new Dictionary<CustomerId, long>();
        foreach (var s in subscriptions.Select(s => s.ToSnapshot()))
        {
            var monthly = RecurringRevenue.MonthlyOf(s).Minor;
            if (monthly != 0) byCustomer[s.Customer] = byCustomer.GetValueOrDefault(s.Customer) + monthly;
        }
        return byCustomer;
    }
}
