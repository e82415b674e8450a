namespace BillingFunctions.Domain.Reporting;

/// <summary>A calendar quarter, written "2026-Q4" so it sorts and can sit in a row key.</summary>
public readonly record struct Quarter(int Year, int Number)
{
    public static Quarter Of(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    public Quarter Previous => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    public DateOnly FirstDay => new(Year, (Number - 1) * 3 + 1, 1);
    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        if (text is not { Length: 7 } || text[4] != '-' || text[5] != 'Q') return false;
        if (text.AsSpan(0, 4).ContainsAnyExceptInRange('0', '9') || text[6] is < '1' or > '4') return false;
        quarter = new Quarter(int.Parse(text.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture), text[6] - '0');
        return true;
    }

    public override string ToString() => $"{Year:D4}-Q{Number}";
}
