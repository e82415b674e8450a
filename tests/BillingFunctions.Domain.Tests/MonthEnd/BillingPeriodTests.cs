using BillingFunctions.Domain.MonthEnd;
using BillingFunctions.Domain.Tenancy;
using static BillingFunctions.Domain.Tests.MonthEnd.MonthEndFixtures;

namespace BillingFunctions.Domain.Tests.MonthEnd;

public class BillingPeriodTests
{
    [Theory]
    [InlineData(2026, 1, 31, "2026-01-31")]  // 31-day month: deadline is the month's last day
    [InlineData(2026, 4, 30, "2026-05-01")]  // 30-day month: the day the next period opens
    [InlineData(2026, 2, 28, "2026-03-03")]  // February of a common year
    [InlineData(2028, 2, 29, "2028-03-02")]  // February of a leap year
    [InlineData(2026, 12, 31, "2026-12-31")]
    public void Deadline_is_thirty_days_after_the_period_opens(int year, int month, int lastDay, string deadline)
    {
        var period = BillingPeriod.Of(new DateOnly(year, month, 15));
        Assert.Equal(new DateOnly(year, month, 1), period.FirstDay);
        Assert.Equal(new DateOnly(year, month, lastDay), period.LastDay);
        Assert.Equal(DateOnly.Parse(deadline), period.DeadlineDay);
        Assert.Equal(period.FirstDay.ToDateTime(TimeOnly.MinValue).AddDays(30), period.DeadlineAt(TenantCalendar.Utc).UtcDateTime);
    }

    [Fact]
    public void Next_period_rolls_over_the_year_end()
    {
        var december = BillingPeriod.Of(new DateOnly(2026, 12, 31));
        Assert.Equal(BillingPeriod.Of(new DateOnly(2027, 1, 1)), december.Next);
        Assert.Equal("2027-01", december.Next.ToString());
    }

    [Fact]
    public void The_period_of_an_instant_is_the_month_in_the_tenants_time_zone()
    {
        var tokyo = new TenantCalendar(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        var lastEveningOfOctoberUtc = new DateTimeOffset(2026, 10, 31, 20, 0, 0, TimeSpan.Zero);
        Assert.Equal("2026-11", BillingPeriod.Containing(lastEveningOfOctoberUtc, tokyo).ToString());
        Assert.Equal("2026-10", BillingPeriod.Containing(lastEveningOfOctoberUtc, TenantCalendar.Utc).ToString());
    }

    [Fact]
    public void Opening_and_deadline_are_local_midnights_even_across_a_daylight_saving_change()
    {
        var berlin = new TenantCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        var october = BillingPeriod.Of(new DateOnly(2026, 10, 1)); // summer time ends on 25 October
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 22, 0, 0, TimeSpan.Zero), october.OpensAt(berlin));
        Assert.Equal(new DateTimeOffset(2026, 10, 30, 23, 0, 0, TimeSpan.Zero), october.DeadlineAt(berlin));
    }

    [Fact]
    public void An_entry_is_overdue_only_after_its_deadline_and_never_once_invoiced()
    {
        var entry = OpenEntry();
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), entry.DeadlineAt);
        Assert.False(entry.IsOverdue(entry.DeadlineAt));
        Assert.True(entry.IsOverdue(entry.DeadlineAt.AddTicks(1)));

        var invoiced = Invoiced(Customer(), November);
        Assert.False(invoiced.IsOverdue(invoiced.DeadlineAt.AddDays(100)));
    }
}
