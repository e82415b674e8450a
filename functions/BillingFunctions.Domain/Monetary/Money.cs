namespace BillingFunctions.Domain.Monetary;

/// <summary>An amount in integer minor units of one currency. Arithmetic across currencies is a bug.</summary>
public readonly record struct Money(long Minor, Currency Currency)
{
    public static Money Zero(Currency currency) => new(0, currency);

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + SameCurrency(a, b).Minor), a.Currency);
    public static Money operator -(Money a, Money b) => new(checked(a.Minor - SameCurrency(a, b).Minor), a.Currency);
    public static Money operator -(Money a) => new(checked(-a.Minor), a.Currency);

    public Money Times(long quantity) => new(checked(Minor * quantity), Currency);

    /// <summary>
    /// A share in basis points (1/100 of a percent), rounded half away from zero to a whole minor unit, the way Stripe
    /// rounds tax on a line; in the three-decimal currencies to a whole <see cref="Currency.StripeChargeIncrement"/>.
    /// </summary>
    public Money ShareInBasisPoints(int basisPoints) => Share(basisPoints, 10_000);

    /// <summary>
    /// This amount × <paramref name="numerator"/> / <paramref name="denominator"/>, rounded once, half away from zero, to
    /// a whole <see cref="Currency.StripeChargeIncrement"/>: a computed amount Stripe can charge as it is.
    /// </summary>
    public Money Share(long numerator, long denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        // Rounding straight to the increment: 64.5 fils is 60, where rounding to a fil first (65) and then to 10 fils gives 70.
        var step = (Int128)Currency.StripeChargeIncrement;
        var scaled = checked((Int128)Minor * numerator);
        var (steps, remainder) = Int128.DivRem(scaled, denominator * step);
        if (Int128.Abs(remainder) * 2 >= denominator * step) steps += Int128.Sign(scaled);
        return new((long)(steps * step), Currency);
    }

    /// <summary>Whether Stripe can charge this amount as it is (see <see cref="Currency.StripeChargeIncrement"/>).</summary>
    public bool IsWholeChargeIncrement => Minor % Currency.StripeChargeIncrement == 0;

    public bool IsNegative => Minor < 0;

    /// <summary>
    /// The amount in major units (12.50 for 1250 cents, 500 yen, 1.250 dinars) as an exact decimal, for what shows or
    /// files amounts that way; never a float, which would turn 0.1 + 0.2 into 0.30000000000000004 somewhere.
    /// </summary>
    public decimal Major
    {
        get
        {
            var divisor = 1m;
            for (var i = 0; i < Currency.MinorDigits; i++) divisor *= 10;
            return Minor / divisor;
        }
    }

    private static Money SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency ? b : throw new InvalidOperationException($"Cannot combine {a.Currency} and {b.Currency}.");

    public override string ToString() => $"{Minor} {Currency} minor units";
}
