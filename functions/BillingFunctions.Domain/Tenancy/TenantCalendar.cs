namespace BillingFunctions.Domain.Tenancy;

/// <summary>Dates as the tenant sees them: due dates and quarters fall in the tenant's own time zone.</summary>
public sealed record TenantCalendar(TimeZoneInfo TimeZone)
{
    public static TenantCalendar Utc { get; } = new(TimeZoneInfo.Utc);

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZone).DateTime);

    public Reporting.Quarter QuarterOf(DateTimeOffset instant) => Reporting.Quarter.Of(Today(instant));
}
