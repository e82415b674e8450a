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
    /// A share in basis points (1/100 of a percent), rounded half away from zero to a whole minor unit,
    /// the way Stripe rounds tax on a line.
    /// </summary>
    public Money ShareInBasisPoints(int basisPoints)
    {
        var scaled = checked((Int128)Minor * basisPoints);
        var (quotient, remainder) = Int128.DivRem(scaled, 10_000);
        if (Int128.Abs(remainder) * 2 >= 10_000) quotient += Int128.Sign(scaled);
        return new((long)quotient, Currency);
    }

    public bool IsNegative => Minor < 0;

    private static Money SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency ? b : throw new InvalidOperationException($"Cannot combine {a.Currency} and {b.Currency}.");

    public override string ToString() => $"{Minor} {Currency} minor units";
}
