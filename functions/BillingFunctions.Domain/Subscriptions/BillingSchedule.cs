namespace BillingFunctions.Domain.Subscriptions;

/// <summary>A billed stretch of time, start inclusive, end exclusive.</summary>
public sealed record BillingPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;
    public bool Contains(DateTimeOffset instant) => Start <= instant && instant < End;
    public override string ToString() => $"{Start:yyyy-MM-dd HH:mm}..{End:yyyy-MM-dd HH:mm}";
}

/// <summary>
/// Period boundaries counted from an anchor, as Stripe's billing cycle anchor works: every boundary falls on
/// <see cref="AnchorDay"/> at the anchor's time of day, clamped to the last day of shorter months, and returns
/// to the anchor day in the months that have it (31 Jan → 28/29 Feb → 31 Mar).
/// </summary>
public sealed record BillingSchedule(int AnchorYear, int AnchorMonth, int AnchorDay, TimeSpan TimeOfDay, int IntervalMonths)
{
    /// <summary>A schedule whose boundary 0 is <paramref name="anchor"/> (UTC) itself.</summary>
    public static BillingSchedule AnchoredAt(DateTimeOffset anchor, int intervalMonths)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMonths, 1);
        var utc = anchor.ToUniversalTime();
        return new(utc.Year, utc.Month, utc.Day, utc.TimeOfDay, intervalMonths);
    }

    /// <summary>
    /// A schedule for a subscription starting at <paramref name="start"/> whose boundaries fall on
    /// <paramref name="anchorDay"/>; the first period may be shorter (Stripe prorates it).
    /// </summary>
    public static BillingSchedule FromStart(DateTimeOffset start, int anchorDay, int intervalMonths)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(anchorDay, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(anchorDay, 31);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMonths, 1);
        var utc = start.ToUniversalTime();
        return new(utc.Year, utc.Month, anchorDay, utc.TimeOfDay, intervalMonths);
    }

    /// <summary>The n-th boundary counted from the anchor (negative n counts back).</summary>
    public DateTimeOffset Boundary(long n)
    {
        var monthIndex = checked(AnchorYear * 12L + (AnchorMonth - 1) + n * IntervalMonths);
        var year = (int)(monthIndex / 12);
        var month = (int)(monthIndex % 12) + 1;
        var day = Math.Min(AnchorDay, DateTime.DaysInMonth(year, month));
        return new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero) + TimeOfDay;
    }

    /// <summary>The first boundary strictly after <paramref name="instant"/>.</summary>
    public DateTimeOffset NextBoundaryAfter(DateTimeOffset instant) => Boundary(IndexAtOrBefore(instant) + 1);

    /// <summary>The period between the boundaries around <paramref name="instant"/>.</summary>
    public BillingPeriod PeriodContaining(DateTimeOffset instant)
    {
        var n = IndexAtOrBefore(instant);
        return new(Boundary(n), Boundary(n + 1));
    }

    private long IndexAtOrBefore(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        var months = (utc.Year - (long)AnchorYear) * 12 + (utc.Month - AnchorMonth);
        // An estimate one period low at most, then step: month lengths make the exact index a search.
        var n = (long)Math.Floor(months / (double)IntervalMonths) - 1;
        while (Boundary(n) > utc) n--;
        while (Boundary(n + 1) <= utc) n++;
        return n;
    }
}
