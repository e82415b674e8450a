namespace BillingFunctions.App.Api;

/// <summary>
/// The dates the API accepts: years 2000 to 2199. Billing never needs more, and the periods, due dates and time
/// zones computed from a date near year 1 or 9999 would overflow.
/// </summary>
public static class BusinessDates
{
    public static readonly DateOnly First = new(2000, 1, 1);
    public static readonly DateOnly Last = new(2199, 12, 31);

    public static string Range => "between 2000-01-01 and 2199-12-31";

    public static bool Contains(DateOnly date) => date >= First && date <= Last;

    public static bool Contains(DateTimeOffset instant) => Contains(DateOnly.FromDateTime(instant.UtcDateTime));
}
