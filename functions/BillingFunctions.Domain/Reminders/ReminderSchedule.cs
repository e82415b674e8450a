using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.Reminders;

/// <summary>
/// A tenant's reminder days relative to the due date (negative: before it) and the local hour they go out.
/// Days are calendar days in the tenant's time zone, so "3 days after" lands on the same wall-clock hour
/// across a DST change.
/// </summary>
public sealed record ReminderSchedule
{
    /// <summary>3 days before, on the day, then 3, 7 and 14 days after, at 09:00 local time.</summary>
    public static ReminderSchedule Default { get; } = new([-3, 0, 3, 7, 14], new TimeOnly(9, 0));

    public ReminderSchedule(IReadOnlyList<int> daysFromDue, TimeOnly sendAt)
    {
        ArgumentNullException.ThrowIfNull(daysFromDue);
        if (daysFromDue.Distinct().Count() != daysFromDue.Count)
            throw new ArgumentException("Reminder days must be distinct.", nameof(daysFromDue));
        if (daysFromDue.Any(d => d is < -60 or > 365))
            throw new ArgumentException("Reminder days must lie between 60 days before and a year after the due date.", nameof(daysFromDue));
        DaysFromDue = daysFromDue.Order().ToArray();
        SendAt = sendAt;
    }

    /// <summary>The most reminders one invoice gets; more would be nagging, not reminding.</summary>
    public const int MaxReminders = 10;

    /// <summary>A tenant's schedule as they typed it: refused (not thrown) when it breaks a rule. No days means no reminders.</summary>
    public static Result<ReminderSchedule> Create(IReadOnlyList<int>? daysFromDue, TimeOnly sendAt)
    {
        if (daysFromDue is null) return DomainError.Invalid("daysFromDue is required (an empty list turns reminders off).");
        if (daysFromDue.Count > MaxReminders) return DomainError.Invalid($"At most {MaxReminders} reminders per invoice.");
        if (daysFromDue.Distinct().Count() != daysFromDue.Count) return DomainError.Invalid("Reminder days must be distinct.");
        if (daysFromDue.Any(d => d is < -60 or > 365))
            return DomainError.Invalid("Reminder days must lie between 60 days before (-60) and a year after (365) the due date.");
        if (sendAt.Second != 0 || sendAt.Millisecond != 0) return DomainError.Invalid("The send time is whole minutes (HH:mm).");
        return new ReminderSchedule(daysFromDue, sendAt);
    }

    /// <summary>Ascending.</summary>
    public IReadOnlyList<int> DaysFromDue { get; }

    public TimeOnly SendAt { get; }

    /// <summary>
    /// The UTC instant of the reminder <paramref name="daysFromDue"/> days from <paramref name="dueDate"/>, at the
    /// send hour on the tenant's wall clock. A send hour inside a spring-forward gap moves on by the gap (02:30 that
    /// does not exist becomes 03:30); in the repeated autumn hour the first occurrence counts.
    /// </summary>
    public DateTimeOffset SendInstant(DateOnly dueDate, int daysFromDue, TenantCalendar calendar) =>
        LocalToUtc(dueDate.AddDays(daysFromDue).ToDateTime(SendAt, DateTimeKind.Unspecified), calendar.TimeZone);

    internal static DateTimeOffset LocalToUtc(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(local))
        {
            // Read the missing wall time with the offset in force before the jump: that is "moved on by the gap".
            var before = zone.GetUtcOffset(local.AddDays(-1));
            return new DateTimeOffset(local.Ticks - before.Ticks, TimeSpan.Zero);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
