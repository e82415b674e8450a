using BillingFunctions.Domain.Subscriptions;
using static BillingFunctions.Domain.Tests.Subscriptions.SubscriptionFixtures;

namespace BillingFunctions.Domain.Tests.Subscriptions;

public class BillingScheduleTests
{
    [Fact]
    public void Anchor_on_the_31st_clamps_to_month_end_and_returns_to_the_31st()
    {
        var schedule = BillingSchedule.AnchoredAt(Utc(2028, 1, 31), intervalMonths: 1);

        Assert.Equal(
            [Utc(2028, 1, 31), Utc(2028, 2, 29), Utc(2028, 3, 31), Utc(2028, 4, 30), Utc(2028, 5, 31)],
            Enumerable.Range(0, 5).Select(n => schedule.Boundary(n)));
    }

    [Fact]
    public void Yearly_anchor_on_leap_day_falls_on_feb_28_until_the_next_leap_year()
    {
        var schedule = BillingSchedule.AnchoredAt(Utc(2028, 2, 29), intervalMonths: 12);

        Assert.Equal(
            [Utc(2028, 2, 29), Utc(2029, 2, 28), Utc(2030, 2, 28), Utc(2031, 2, 28), Utc(2032, 2, 29)],
            Enumerable.Range(0, 5).Select(n => schedule.Boundary(n)));
    }

    [Fact]
    public void Quarterly_periods_keep_the_time_of_day()
    {
        var schedule = BillingSchedule.AnchoredAt(Utc(2026, 11, 30, 9), intervalMonths: 3);

        Assert.Equal(new BillingPeriod(Utc(2027, 2, 28, 9), Utc(2027, 5, 30, 9)), schedule.PeriodContaining(Utc(2027, 3, 1)));
    }

    [Fact]
    public void Boundaries_rise_and_periods_contain_their_instant_for_random_anchors()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 2000; i++)
        {
            var anchor = Utc(2000, 1, 1).AddSeconds(random.NextInt64(0, 60L * 365 * 86400));
            var months = random.Next(1, 37);
            var schedule = BillingSchedule.AnchoredAt(anchor, months);
            var instant = anchor.AddSeconds(random.NextInt64(-20L * 365 * 86400, 20L * 365 * 86400));

            var period = schedule.PeriodContaining(instant);

            Assert.True(period.Contains(instant), $"{period} should contain {instant:O} (anchor {anchor:O}, {months} months)");
            Assert.Equal(Math.Min(anchor.Day, DateTime.DaysInMonth(period.Start.Year, period.Start.Month)), period.Start.Day);
            Assert.Equal(period.End, schedule.NextBoundaryAfter(period.Start));
            Assert.Equal(anchor.TimeOfDay, period.End.TimeOfDay);
        }
    }
}
