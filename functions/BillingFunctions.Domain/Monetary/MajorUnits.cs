using System.Globalization;

namespace BillingFunctions.Domain.Monetary;

/// <summary>
/// An amount written in major units (<c>12.50</c> for 1250 euro cents, <c>500</c> yen, <c>1.250</c> dinars), for the
/// files that want it, such as an accounting system's import: the exact decimal of the minor units and the currency's
/// exponent (<see cref="Money.Major"/>), no grouping separators, a minus sign for a negative amount.
/// </summary>
public static class MajorUnits
{
    public static string Format(Money amount) =>
        amount.Major.ToString("F" + amount.Currency.MinorDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
