using FunctionsLocalHost.Timers;

namespace FunctionsLocalHost.Tests.Timers;

/// <summary>
/// The examples from the Azure Functions timer trigger documentation, with what the docs say they do, on the schedules
/// the local host fires timers by (in UTC).
/// </summary>
public class CronExamplesTests
{
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int day, int hour, int minute, int second = 0) =>
        new(2026, 1, day, hour, minute, second, TimeSpan.Zero);

    private static List<DateTimeOffset> OneDayFrom(string expression, DateTimeOffset start) =>
        CronSchedule.Parse(expression).GetOccurrences(start.AddTicks(-1), start.AddDays(1).AddTicks(-1)).ToList();

    [Fact]
    public void Every_five_minutes_started_at_18_57_next_runs_at_19_00()
    {
        var next = CronSchedule.Parse("0 */5 * * * *").GetNextOccurrence(At(5, 18, 57));

        Assert.Equal(At(5, 19, 0), next);
    }

    [Fact]
    public void Every_five_minutes_runs_twelve_times_an_hour_on_minutes_divisible_by_five()
    {
        var hour = CronSchedule.Parse("0 */5 * * * *").GetOccurrences(At(5, 9, 0).AddTicks(-1), At(5, 9, 59, 59)).ToList();

        Assert.Equal(12, hour.Count);
        Assert.All(hour, t => Assert.True(t.Minute % 5 == 0 && t.Second == 0));
    }

    [Fact]
    public void A_specific_minute_runs_once_an_hour_at_five_past()
    {
        var day = OneDayFrom("0 5 * * * *", Monday);

        Assert.Equal(24, day.Count);
        Assert.All(day, t => Assert.Equal((5, 0), (t.Minute, t.Second)));
    }

    [Fact]
    public void All_minutes_of_hour_five_run_sixty_times_a_day()
    {
        var day = OneDayFrom("0 * 5 * * *", Monday);

        Assert.Equal(60, day.Count);
        Assert.All(day, t => Assert.Equal(5, t.Hour));
    }

    [Theory]
    [InlineData("5-7 * * * * *", new[] { 5, 6, 7 })]
    [InlineData("5,8,10 * * * * *", new[] { 5, 8, 10 })]
    public void Ranges_and_lists_of_seconds_run_three_times_a_minute(string expression, int[] seconds)
    {
        var minute = CronSchedule.Parse(expression).GetOccurrences(At(5, 10, 0).AddTicks(-1), At(5, 10, 0, 59)).ToList();

        Assert.Equal(seconds, minute.Select(t => t.Second));
    }

    [Fact]
    public void Top_of_every_hour()
    {
        Assert.Equal(Enumerable.Range(0, 24), OneDayFrom("0 0 * * * *", Monday).Select(t => t.Hour));
    }

    [Fact]
    public void Every_two_hours()
    {
        Assert.Equal(Enumerable.Range(0, 12).Select(h => h * 2), OneDayFrom("0 0 */2 * * *", Monday).Select(t => t.Hour));
    }

    [Fact]
    public void Every_hour_from_nine_to_five()
    {
        Assert.Equal(Enumerable.Range(9, 9), OneDayFrom("0 0 9-17 * * *", Monday).Select(t => t.Hour));
    }

    [Fact]
    public void Half_past_nine_every_day()
    {
        var schedule = CronSchedule.Parse("0 30 9 * * *");

        Assert.Equal(At(5, 9, 30), schedule.GetNextOccurrence(At(5, 8, 0)));
        Assert.Equal(At(6, 9, 30), schedule.GetNextOccurrence(At(5, 9, 30)));
    }

    [Fact]
    public void Half_past_nine_every_weekday_skips_the_weekend()
    {
        var schedule = CronSchedule.Parse("0 30 9 * * 1-5");
        var friday = At(9, 9, 30);

        Assert.Equal(DayOfWeek.Friday, friday.DayOfWeek);
        Assert.Equal(At(12, 9, 30), schedule.GetNextOccurrence(friday));
    }

    [Fact]
    public void Half_past_nine_every_monday_in_january_waits_for_next_january()
    {
        var schedule = CronSchedule.Parse("0 30 9 * Jan Mon");

        var january = schedule.GetOccurrences(new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 31, 23, 59, 59, TimeSpan.Zero)).ToList();
        var afterLastMonday = schedule.GetNextOccurrence(At(26, 9, 30));

        Assert.Equal([5, 12, 19, 26], january.Select(t => t.Day));
        Assert.All(january, t => Assert.Equal(DayOfWeek.Monday, t.DayOfWeek));
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 9, 30, 0, TimeSpan.Zero), afterLastMonday);
    }

    [Theory]
    [InlineData("0 30 9 * January Monday")]
    [InlineData("0 30 9 * jan mon")]
    [InlineData("0 30 9 * 1 1")]
    public void Names_are_case_insensitive_and_may_be_abbreviated(string expression)
    {
        Assert.Equal(At(5, 9, 30), CronSchedule.Parse(expression).GetNextOccurrence(At(1, 0, 0)));
    }

    [Fact]
    public void Day_of_week_zero_is_sunday()
    {
        Assert.Equal(DayOfWeek.Sunday, CronSchedule.Parse("0 0 0 * * 0").GetNextOccurrence(Monday)!.Value.DayOfWeek);
    }

    [Fact]
    public void A_start_with_a_step_counts_from_the_start_to_the_end_of_the_field()
    {
        Assert.Equal([10, 25, 40, 55], OneDayFrom("0 10/15 0 * * *", Monday).Select(t => t.Minute));
    }

    [Fact]
    public void Next_occurrence_is_strictly_after_the_given_time_and_ignores_fractions_of_a_second()
    {
        var schedule = CronSchedule.Parse("0 0 * * * *");

        Assert.Equal(At(5, 11, 0), schedule.GetNextOccurrence(At(5, 10, 0)));
        Assert.Equal(At(5, 11, 0), schedule.GetNextOccurrence(At(5, 10, 0).AddMilliseconds(500)));
    }

    [Fact]
    public void The_twenty_ninth_of_february_is_found_in_the_next_leap_year()
    {
        Assert.Equal(new DateTimeOffset(2028, 2, 29, 0, 0, 0, TimeSpan.Zero), CronSchedule.Parse("0 0 0 29 Feb *").GetNextOccurrence(Monday));
    }

    [Fact]
    public void A_date_that_never_exists_has_no_next_occurrence()
    {
        Assert.Null(CronSchedule.Parse("0 0 0 31 Feb *").GetNextOccurrence(Monday));
    }

    // Only what NCrontab, and so the Functions host, refuses: it reads "10-5" as 5-10, "*/0" as every value and
    // "Mo" as Monday, so those run in Azure and locally alike.
    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("0 */5 * * * * *")]
    [InlineData("60 * * * * *")]
    [InlineData("0 0 24 * * *")]
    [InlineData("0 0 0 0 * *")]
    [InlineData("0 0 0 * 13 *")]
    [InlineData("0 0 0 * * 7")]
    [InlineData("0 0 0 * Foo *")]
    [InlineData("0 1,,2 * * * *")]
    public void Malformed_expressions_are_rejected(string expression)
    {
        Assert.Null(TimerSchedule.Parse(expression, TimeZoneInfo.Utc));
    }

    /// <summary>The examples' vocabulary over <see cref="TimerSchedule"/>.</summary>
    private sealed class CronSchedule(TimerSchedule schedule)
    {
        public static CronSchedule Parse(string expression) =>
            new(TimerSchedule.Parse(expression, TimeZoneInfo.Utc) ?? throw new FormatException(expression));

        /// <summary>Null when the schedule never fires again (NCrontab answers its end date, the last representable time).</summary>
        public DateTimeOffset? GetNextOccurrence(DateTimeOffset after) => schedule.Next(after) is var next && next.Year < 9999 ? next : null;

        public IEnumerable<DateTimeOffset> GetOccurrences(DateTimeOffset after, DateTimeOffset until)
        {
            for (var next = GetNextOccurrence(after); next is { } due && due < until; next = GetNextOccurrence(due))
                yield return due;
        }
    }
}
