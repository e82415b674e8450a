namespace BillingFunctions.Domain.Analytics;

/// <summary>A calendar month in UTC, written "2026-11" so it sorts and can sit in a row key.</summary>
public readonly record struct AnalyticsMonth(int Year, int Number) : IComparable<AnalyticsMonth>
{
    public static AnalyticsMonth Of(DateOnly date) => new(date.Year, date.Month);

    public static AnalyticsMonth Of(DateTimeOffset at) => Of(DateOnly.FromDateTime(at.UtcDateTime));

    public AnalyticsMonth Previous => Number == 1 ? new(Year - 1, 12) : new(Year, Number - 1);
    public AnalyticsMonth Next => Number == 12 ? new(Year + 1, 1) : new(Year, Number + 1);

    public DateOnly FirstDay => new(Year, Number, 1);
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    /// <summary>The first instant of the next month: a figure "at the end of the month" is the state just before it.</summary>
    public DateTimeOffset End => new(FirstDay.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public AnalyticsMonth Minus(int months)
    {
        var index = Year * 12 + (Number - 1) - months;
        return new(index / 12, index % 12 + 1);
    }

    public int CompareTo(AnalyticsMonth other) => (Year, Number).CompareTo((other.Year, other.Number));

    public static bool TryParse(string? text, out AnalyticsMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-') return false;
        if (text.AsSpan(0, 4).ContainsAnyExceptInRange('0', '9') || text.AsSpan(5).ContainsAnyExceptInRange('0', '9')) return false;
        var number = int.Parse(text.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture);
        if (number is < 1 or > 12) return false;
        month = new AnalyticsMonth(int.Parse(text.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture), number);
        return true;
    }

    public override string ToString() => $"{Year:D4}-{Number:D2}";
}
