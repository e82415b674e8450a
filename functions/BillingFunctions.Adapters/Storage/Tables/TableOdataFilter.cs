using System.Globalization;
using System.Text;

namespace BillingFunctions.Adapters.Storage;

/// <summary>Builds OData filters with safely quoted values, like the SDK's TableClient.CreateQueryFilter.</summary>
public static class TableOdataFilter
{
    /// <summary>
    /// Formats <paramref name="filter"/>, turning each interpolated value into an OData literal:
    /// <c>$"PartitionKey eq {pk} and Amount gt {100L}"</c> becomes <c>PartitionKey eq 'it''s' and Amount gt 100L</c>.
    /// </summary>
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var literals = filter.GetArguments().Select(Literal).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    /// <summary>Formats one value as an OData literal.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        char c => Quote(c.ToString()),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => FormatDouble(d),
        DateTimeOffset dto => $"datetime'{TableEntityJson.FormatDateTime(dto)}'",
        DateTime dt => $"datetime'{TableEntityJson.FormatDateTime(dt)}'",
        Guid g => $"guid'{g:D}'",
        byte[] bytes => $"X'{Convert.ToHexStringLower(bytes)}'",
        BinaryData data => $"X'{Convert.ToHexStringLower(data.ToArray())}'",
        _ => throw new NotSupportedException($"A {value.GetType().Name} cannot be used in a table filter."),
    };

    private static string Quote(string value) =>
        new StringBuilder(value.Length + 2).Append('\'').Append(value.Replace("'", "''")).Append('\'').ToString();

    private static string FormatDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        // A double literal needs a decimal point, or OData reads it as Int32.
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }
}
