namespace BillingFunctions.App.Hosting.Timers;

internal sealed record CronFieldKind(string Name, int Min, int Max, string[]? Names = null)
{
    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static readonly CronFieldKind[] All =
    [
        new("second", 0, 59),
        new("minute", 0, 59),
        new("hour", 0, 23),
        new("day", 1, 31),
        new("month", 1, 12, MonthNames),
        new("day-of-week", 0, 6, DayNames),
    ];
}

/// <summary>The set of values one NCRONTAB field allows: lists, ranges, steps and English names.</summary>
internal sealed class CronField
{
    private readonly ulong _bits;

    private CronField(ulong bits) => _bits = bits;

    public bool Contains(int value) => (_bits & (1UL << value)) != 0;

    public static CronField Parse(string text, CronFieldKind kind)
    {
        ulong bits = 0;
        foreach (var item in text.Split(','))
        {
            if (item.Length == 0) throw Invalid(text, kind, "an empty list item");
            bits |= ParseItem(item, kind, text);
        }

        return new CronField(bits);
    }

    private static ulong ParseItem(string item, CronFieldKind kind, string field)
    {
        var step = 1;
        var slash = item.IndexOf('/');
        var range = item;
        if (slash >= 0)
        {
            if (!int.TryParse(item.AsSpan(slash + 1), out step) || step <= 0)
                throw Invalid(field, kind, $"step '{item[(slash + 1)..]}'");
            range = item[..slash];
        }

        int from, to;
        if (range == "*")
        {
            (from, to) = (kind.Min, kind.Max);
        }
        else if (range.IndexOf('-') is var dash and > 0)
        {
            from = ParseValue(range[..dash], kind, field);
            to = ParseValue(range[(dash + 1)..], kind, field);
            if (to < from) throw Invalid(field, kind, $"range '{range}' that runs backwards");
        }
        else
        {
            from = ParseValue(range, kind, field);
            // "5/15" means from 5 to the end of the field in steps of 15, as in NCrontab.
            to = slash >= 0 ? kind.Max : from;
        }

        ulong bits = 0;
        for (var v = from; v <= to; v += step) bits |= 1UL << v;
        return bits;
    }

    private static int ParseValue(string text, CronFieldKind kind, string field)
    {
        if (int.TryParse(text, out var number))
        {
            if (number < kind.Min || number > kind.Max)
                throw Invalid(field, kind, $"{number}, outside {kind.Min}-{kind.Max}");
            return number;
        }

        // Names are English, case-insensitive, and may be abbreviated to three letters or more.
        if (kind.Names is { } names && text.Length >= 3)
        {
            for (var i = 0; i < names.Length; i++)
            {
                if (names[i].StartsWith(text, StringComparison.OrdinalIgnoreCase)) return kind.Min + i;
            }
        }

        throw Invalid(field, kind, $"'{text}'");
    }

    private static FormatException Invalid(string field, CronFieldKind kind, string what) =>
        new($"The {kind.Name} field '{field}' has {what}.");
}
