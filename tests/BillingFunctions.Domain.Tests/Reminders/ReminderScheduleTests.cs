using BillingFunctions.Domain.Reminders;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.Tests.Reminders;

public class ReminderScheduleTests
{
    internal static TenantCalendar Zone(string id) => new(TimeZoneInfo.FindSystemTimeZoneById(id));

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    [Fact]
    public void Auckland_reminders_stay_at_nine_local_across_month_end_and_the_end_of_daylight_saving()
    {
        // Due 31 March 2026; New Zealand leaves daylight saving (UTC+13 → UTC+12) on Sunday 5 April.
        var due = new DateOnly(2026, 3, 31);
        var instants = ReminderSchedule.Default.DaysFromDue
            .Select(d => ReminderSchedule.Default.SendInstant(due, d, Zone("Pacific/Auckland")));

        Assert.Equal(
            [Utc(2026, 3, 27, 20), Utc(2026, 3, 30, 20), Utc(2026, 4, 2, 20), Utc(2026, 4, 6, 21), Utc(2026, 4, 13, 21)],
            instants);
    }

    [Fact]
    public void Los_angeles_reminders_move_an_hour_earlier_in_utc_after_the_spring_change()
    {
        // DST starts Sunday 8 March 2026 in Los Angeles (UTC-8 → UTC-7).
        var due = new DateOnly(2026, 3, 6);
        var calendar = Zone("America/Los_Angeles");

        Assert.Equal(Utc(2026, 3, 3, 17), ReminderSchedule.Default.SendInstant(due, -3, calendar));
        Assert.Equal(Utc(2026, 3, 9, 16), ReminderSchedule.Default.SendInstant(due, 3, calendar));
    }

    [Fact]
    public void A_send_hour_inside_the_spring_gap_moves_on_by_the_gap()
    {
        var schedule = new ReminderSchedule([0], new TimeOnly(2, 30));

        // 02:30 does not exist on 8 March 2026 in Los Angeles; 03:30 PDT is 10:30 UTC.
        Assert.Equal(Utc(2026, 3, 8, 10, 30), schedule.SendInstant(new DateOnly(2026, 3, 8), 0, Zone("America/Los_Angeles")));
    }

    [Fact]
    public void A_send_hour_in_the_repeated_autumn_hour_goes_out_the_first_time_round()
    {
        var schedule = new ReminderSchedule([0], new TimeOnly(1, 30));

        // 01:30 happens twice on 1 November 2026 in Los Angeles; the first is PDT (UTC-7).
        Assert.Equal(Utc(2026, 11, 1, 8, 30), schedule.SendInstant(new DateOnly(2026, 11, 1), 0, Zone("America/Los_Angeles")));
    }

    [Theory]
    [InlineData(2028, 2, 29, -3, 2028, 2, 26)]
    [InlineData(2028, 2, 28, 1, 2028, 2, 29)]
    [InlineData(2028, 2, 29, 14, 2028, 3, 14)]
    [InlineData(2026, 1, 31, 3, 2026, 2, 3)]
    [InlineData(2026, 12, 30, 7, 2027, 1, 6)]
    public void Reminder_days_count_calendar_days_through_leap_days_month_and_year_ends(int y, int m, int d, int days, int ey, int em, int ed)
    {
        var sent = ReminderSchedule.Default.SendInstant(new DateOnly(y, m, d), days, TenantCalendar.Utc);

        Assert.Equal(Utc(ey, em, ed, 9), sent);
    }

    [Fact]
    public void The_far_east_sends_the_day_before_in_utc()
    {
        // Kiritimati is UTC+14: nine in the morning there is still the previous evening in UTC.
        Assert.Equal(Utc(2026, 5, 31, 19), ReminderSchedule.Default.SendInstant(new DateOnly(2026, 6, 1), 0, Zone("Pacific/Kiritimati")));
    }

    [Fact]
    public void The_same_due_date_reminds_earlier_in_auckland_than_in_los_angeles()
    {
        var due = new DateOnly(2026, 6, 30);

        var auckland = ReminderSchedule.Default.SendInstant(due, 0, Zone("Pacific/Auckland"));
        var losAngeles = ReminderSchedule.Default.SendInstant(due, 0, Zone("America/Los_Angeles"));

        Assert.Equal(TimeSpan.FromHours(19), losAngeles - auckland);
    }

    [Fact]
    public void A_schedule_refuses_repeated_days() =>
        Assert.Throws<ArgumentException>(() => new ReminderSchedule([3, 3], new TimeOnly(9, 0)));
}
