using BillingFunctions.Domain.Reporting;

namespace BillingFunctions.App.Http;

/// <summary>
/// The dates the API accepts: years 2000 to 2199. Billing never needs more, and the periods, due dates and time
/// zones computed from a date near year 1 or 9999 would overflow.
/// </summary>
public static class BusinessDates
{
    public static readonly DateOnly First = new(2000, 1, 1);
    public static readonly DateOnly Last = new(2199, 12, 31);

    public static string Range => $"between {First:yyyy-MM-dd} and {Last:yyyy-MM-dd}";

    public static string MonthRange => $"between {First:yyyy-MM} and {Last:yyyy-MM}";

    public static string QuarterRange => $"between {Quarter.Of(First)} and {Quarter.Of(Last)}";

    public static bool Contains(DateOnly date) => date >= First && date <= Last;

    public static bool Contains(DateTimeOffset instant) => Contains(DateOnly.FromDateTime(instant.UtcDateTime));

    /// <summary>A quarter written yyyy-Qn inside the range; by year, as its first day of a year 0 or 10000 does not exist.</summary>
    public static bool TryParseQuarter(string? text, out Quarter quarter) =>
        Quarter.TryParse(text, out quarter) && quarter.Year >= First.Year && quarter.Year <= Last.Year;

    /// <summary>How the document writes a date, month or quarter the API takes, and the range it must lie in.</summary>
    internal static (string? Pattern, string Description) Documented(CalendarText text) => text switch
    {
        CalendarText.Month => (@"^\d{4}-(0[1-9]|1[0-2])$", $"A month, yyyy-MM, {MonthRange}."),
        CalendarText.Quarter => (@"^\d{4}-Q[1-4]$", $"A quarter, yyyy-Qn, {QuarterRange}."),
        CalendarText.Date => (null, $"A date, yyyy-MM-dd, {Range}."),
        _ => (null, $"An instant whose UTC date is {Range}."),
    };
}

public enum CalendarText
{
    Date,
    Instant,
    Month,
    Quarter,
}

/// <summary>Marks a parameter or field holding a date, month or quarter as text, so the document states its shape and <see cref="BusinessDates"/>'
/// range.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class BusinessRangeAttribute(CalendarText text) : Attribute
{
    public CalendarText Text => text;
}
