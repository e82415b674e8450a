namespace BillingFunctions.Domain.Monetary;

/// <summary>An ISO 4217 currency with the number of minor-unit digits Stripe uses for it.</summary>
public readonly record struct Currency
{
    private Currency(string code, int minorDigits) => (Code, MinorDigits) = (code, minorDigits);

    /// <summary>Lower-case three-letter code, as Stripe writes it.</summary>
    public string Code { get; }
    public int MinorDigits { get; }

    /// <summary>
    /// The smallest step, in minor units, of an amount Stripe charges: 10 for the three-decimal currencies (KWD, BHD,
    /// JOD, OMR, TND), which Stripe charges to two decimals' precision, else 1. Every amount we send to Stripe is a
    /// multiple of it: amounts we compute are rounded to it, amounts people enter must already be on it.
    /// </summary>
    public long StripeChargeIncrement => MinorDigits == 3 ? IsoCurrencies.ThreeDecimalChargeIncrement : 1;

    /// <summary>Why an entered amount off <see cref="StripeChargeIncrement"/> is refused, for the people who entered it.</summary>
    public string ChargeIncrementRule =>
        $"Stripe charges {Code} to two decimals: an amount in {Code} minor units must be a multiple of {StripeChargeIncrement} (end in 0).";

    public static Currency Usd => Parse("usd");
    public static Currency Eur => Parse("eur");

    public const int CodeLength = 3;

    public static bool TryParse(string? code, out Currency currency)
    {
        currency = default;
        if (code is null || code.Length != CodeLength) return false;
        var lower = code.ToLowerInvariant();
        if (!IsoCurrencies.MinorDigits.TryGetValue(lower, out var digits)) return false;
        currency = new Currency(lower, digits);
        return true;
    }

    public static Currency Parse(string code) =>
        TryParse(code, out var c) ? c : throw new FormatException($"'{code}' is not an ISO 4217 currency code.");

    public override string ToString() => Code;
}
