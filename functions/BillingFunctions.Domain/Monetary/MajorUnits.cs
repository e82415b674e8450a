using System.Globalization;

namespace BillingFunctions.Domain.Monetary;

/// <summary>
/// An amount written in major units (<c>12.50</c> for 1250 euro cents, <c>500</c> yen, <c>1.250</c> dinars), for the
/// files that want it, such as an accounting system's import. Integer arithmetic on the minor units and the currency's
/// exponent: a float would turn 0.1 + 0.2 into 0.30000000000000004 somewhere in a ledger.
/// </summary>
public static class MajorUnits
{
    public static string Format(Money amount)
    {
        var digits = amount.Currency.MinorDigits;
        var minor = amount.Minor.ToString(CultureInfo.InvariantCulture);
        if (digits == 0) return minor;
        var sign = amount.Minor < 0 ? "-" : "";
        // The digits alone, padded so there is at least one before the point: 5 cents is 005, then 0.05.
        var unsigned = (amount.Minor < 0 ? minor[1..] : minor).PadLeft(digits + 1, '0');
        return $"{sign}{unsigned[..^digits]}.{unsigned[^digits..]}";
    }
}
