using NCrontab;

namespace BillingFunctions.App.Hosting.Timers;

/// <summary>
/// A six-field NCRONTAB schedule (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>), read by NCrontab as
/// the Functions host reads it. Occurrences are computed in UTC, as the host does without WEBSITE_TIME_ZONE.
/// </summary>
public sealed class CronSchedule
{
    private static readonly CrontabSchedule.ParseOptions WithSeconds = new() { IncludingSeconds = true };

    // Searched a few years ahead so that "29 Feb" schedules still find their day; anything rarer never fires.
    private static readonly TimeSpan SearchHorizon = TimeSpan.FromDays(366 * 9);

    private readonly CrontabSchedule _schedule;

    private CronSchedule(string expression, CrontabSchedule schedule) => (Expression, _schedule) = (expression, schedule);

    public string Expression { get; }

    public static CronSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        try
        {
            return new CronSchedule(expression, CrontabSchedule.Parse(expression, WithSeconds));
        }
        catch (CrontabException e)
        {
            throw new FormatException($"'{expression}' is not a six-field NCRONTAB expression: {e.Message}", e);
        }
    }

    public static bool TryParse(string expression, out CronSchedule? schedule)
    {
        schedule = expression is null ? null : CrontabSchedule.TryParse(expression, WithSeconds) is { } parsed
            ? new CronSchedule(expression, parsed) : null;
        return schedule is not null;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null if none comes within years.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        var from = after.UtcDateTime;
        var limit = from + SearchHorizon;
        var next = _schedule.GetNextOccurrence(from, limit);
        return next < limit ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) : null;
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
