using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.MonthEnd;

/// <summary>One calendar month in the tenant's time zone, the unit month-end billing bills in.</summary>
public readonly record struct BillingPeriod
{
    /// <summary>A rep has this many days from the day the period opens to get the entry invoiced.</summary>
    public const int DeadlineDays = 30;

    private BillingPeriod(int year, int month) => (Year, Month) = (year, month);

    public int Year { get; }
    public int Month { get; }

    public static BillingPeriod Of(DateOnly day) => new(day.Year, day.Month);

    public static BillingPeriod Containing(DateTimeOffset instant, TenantCalendar calendar) => Of(calendar.Today(instant));

    public DateOnly FirstDay => new(Year, Month, 1);
    public DateOnly LastDay => new(Year, Month, DateTime.DaysInMonth(Year, Month));
    public BillingPeriod Next => Of(FirstDay.AddMonths(1));

    /// <summary>Calendar days, not 720 hours: a daylight-saving change does not move the deadline's date.</summary>
    public DateOnly DeadlineDay => FirstDay.AddDays(DeadlineDays);

    public DateTimeOffset OpensAt(TenantCalendar calendar) => LocalMidnight(FirstDay, calendar);
    public DateTimeOffset DeadlineAt(TenantCalendar calendar) => LocalMidnight(DeadlineDay, calendar);

    /// <summary>Stable text for ids and keys, e.g. 2026-11.</summary>
    public override string ToString() => $"{Year:D4}-{Month:D2}";

    private static DateTimeOffset LocalMidnight(DateOnly day, TenantCalendar calendar)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A few zones skip midnight when clocks go forward; the day then starts at the first minute that exists.
        while (calendar.TimeZone.IsInvalidTime(local)) local = local.AddMinutes(30);
        var offset = calendar.TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
