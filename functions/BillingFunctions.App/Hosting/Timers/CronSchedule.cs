namespace BillingFunctions.App.Hosting.Timers;

/// <summary>
/// A six-field NCRONTAB schedule (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>), the format the
/// Functions timer trigger reads. Occurrences are computed in UTC, as the host does without WEBSITE_TIME_ZONE.
/// </summary>
public sealed class CronSchedule
{
    // Checked a few years ahead so that "29 Feb" schedules still find their day; anything rarer never fires.
    private static readonly TimeSpan SearchHorizon = TimeSpan.FromDays(366 * 9);

    private readonly CronField _seconds, _minutes, _hours, _days, _months, _daysOfWeek;

    private CronSchedule(string expression, CronField[] fields)
    {
        Expression = expression;
        (_seconds, _minutes, _hours, _days, _months, _daysOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    }

    public string Expression { get; }

    public static CronSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parts = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6)
        {
            throw new FormatException(
                $"'{expression}' has {parts.Length} fields; NCRONTAB needs six: second minute hour day month day-of-week.");
        }

        var fields = new CronField[6];
        for (var i = 0; i < 6; i++) fields[i] = CronField.Parse(parts[i], CronFieldKind.All[i]);
        return new CronSchedule(expression, fields);
    }

    public static bool TryParse(string expression, out CronSchedule? schedule)
    {
        try
        {
            schedule = Parse(expression);
            return true;
        }
        catch (FormatException)
        {
            schedule = null;
            return false;
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null if none comes within years.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        var utc = after.UtcDateTime;
        var t = new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc).AddSeconds(1);
        var limit = t + SearchHorizon;

        while (t < limit)
        {
            if (!_months.Contains(t.Month))
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
            }
            else if (!_days.Contains(t.Day) || !_daysOfWeek.Contains((int)t.DayOfWeek))
            {
                t = t.Date.AddDays(1);
            }
            else if (!_hours.Contains(t.Hour))
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);
            }
            else if (!_minutes.Contains(t.Minute))
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
            }
            else if (!_seconds.Contains(t.Second))
            {
                t = t.AddSeconds(1);
            }
            else
            {
                return new DateTimeOffset(t, TimeSpan.Zero);
            }
        }

        return null;
    }

    /// <summary>Occurrences in (<paramref name="after"/>, <paramref name="until"/>], in order.</summary>
    public IEnumerable<DateTimeOffset> GetOccurrences(DateTimeOffset after, DateTimeOffset until)
    {
        var next = GetNextOccurrence(after);
        while (next is { } occurrence && occurrence <= until)
        {
            yield return occurrence;
            next = GetNextOccurrence(occurrence);
        }
    }

    public override string ToString() => Expression;
}
