using System.Globalization;
using FunctionsLocalHost.Discovery;
using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace FunctionsLocalHost.Timers;

/// <summary>
/// When a timer fires next: a six-field NCRONTAB expression read in UTC, or in WEBSITE_TIME_ZONE when it is set, as
/// the Functions host does; or a TimeSpan ("00:05:00"), which repeats from the previous firing.
/// </summary>
internal sealed class TimerSchedule
{
    private readonly CrontabSchedule? _cron;
    private readonly TimeSpan _interval;
    private readonly TimeZoneInfo _zone;

    private TimerSchedule(string expression, CrontabSchedule? cron, TimeSpan interval, TimeZoneInfo zone)
    {
        Expression = expression;
        _cron = cron;
        _interval = interval;
        _zone = zone;
    }

    public string Expression { get; }

    public static TimerSchedule? Resolve(LocalFunction function, AppSettings settings, List<string> problems)
    {
        var expression = settings.Resolve(function.Name, "schedule", ((TimerTriggerAttribute)function.Trigger).Schedule);
        var zone = TimeZoneInfo.Utc;
        if (settings.Configuration["WEBSITE_TIME_ZONE"] is { Length: > 0 } zoneId && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out zone))
        {
            problems.Add($"Function '{function.Name}': WEBSITE_TIME_ZONE '{zoneId}' is not a time zone this machine knows.");
            return null;
        }
        if (Parse(expression, zone) is { } schedule)
            return schedule;
        if (!expression.Contains('%'))
            problems.Add($"Function '{function.Name}': the schedule '{expression}' is neither a six-field NCRONTAB expression nor a TimeSpan.");
        return null;
    }

    /// <summary>A six-field NCRONTAB expression or a TimeSpan, read in <paramref name="zone"/>; null when it is neither.</summary>
    public static TimerSchedule? Parse(string expression, TimeZoneInfo zone) =>
        CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true }) is { } cron
            ? new TimerSchedule(expression, cron, TimeSpan.Zero, zone)
            : TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero
                ? new TimerSchedule(expression, null, interval, zone)
                : null;

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC.</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        if (_cron is null)
            return after + _interval;
        var local = TimeZoneInfo.ConvertTime(after, _zone).DateTime;
        var next = _cron.GetNextOccurrence(local);
        // A local time skipped by a daylight-saving change does not happen; take the schedule's next one.
        while (_zone.IsInvalidTime(next))
            next = _cron.GetNextOccurrence(next);
        return new DateTimeOffset(next, _zone.GetUtcOffset(next)).ToUniversalTime();
    }
}
