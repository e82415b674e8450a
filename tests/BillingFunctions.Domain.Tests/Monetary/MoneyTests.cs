using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.Tests.Monetary;

public class MoneyTests
{
    [Theory]
    [InlineData(1000, 1900, 190)]     // 19% of 10.00
    [InlineData(333, 1900, 63)]       // 63.27 rounds down
    [InlineData(50, 1000, 5)]
    [InlineData(25, 1000, 3)]         // 2.5 rounds half away from zero
    [InlineData(-25, 1000, -3)]
    [InlineData(99_999_999, 10_000, 99_999_999)]
    public void Tax_share_rounds_half_away_from_zero_to_whole_minor_units(long minor, int basisPoints, long expected) =>
        Assert.Equal(expected, new Money(minor, Currency.Usd).ShareInBasisPoints(basisPoints).Minor);

    [Fact]
    public void Adding_different_currencies_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => new Money(1, Currency.Usd) + new Money(1, Currency.Eur));

    [Fact]
    public void Overflow_is_an_error_not_a_wrapped_amount() =>
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue, Currency.Usd).Times(2));

    [Theory]
    [InlineData("USD", "usd", 2)]
    [InlineData("jpy", "jpy", 0)]
    [InlineData("KWD", "kwd", 3)]
    public void Currency_codes_parse_case_insensitively_with_their_minor_digits(string code, string expected, int digits)
    {
        Assert.True(Currency.TryParse(code, out var currency));
        Assert.Equal(expected, currency.Code);
        Assert.Equal(digits, currency.MinorDigits);
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("us")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_currency_codes_are_rejected(string? code) => Assert.False(Currency.TryParse(code, out _));
}
