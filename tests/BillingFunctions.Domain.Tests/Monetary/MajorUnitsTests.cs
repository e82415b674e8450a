using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.Tests.Monetary;

public class MajorUnitsTests
{
    [Theory]
    [InlineData(1250, "eur", "12.50")]
    [InlineData(5, "eur", "0.05")]
    [InlineData(-5, "eur", "-0.05")]
    [InlineData(0, "usd", "0.00")]
    [InlineData(-123_456, "usd", "-1234.56")]
    [InlineData(500, "jpy", "500")]
    [InlineData(-500, "jpy", "-500")]
    [InlineData(1250, "kwd", "1.250")]
    [InlineData(10, "kwd", "0.010")]
    [InlineData(999_999_999_999, "usd", "9999999999.99")]
    public void Minor_units_are_written_with_the_currencys_decimals_exactly(long minor, string currency, string expected) =>
        Assert.Equal(expected, MajorUnits.Format(new Money(minor, Currency.Parse(currency))));

    [Fact]
    public void The_largest_amounts_keep_every_digit()
    {
        Assert.Equal("92233720368547758.07", MajorUnits.Format(new Money(long.MaxValue, Currency.Usd)));
        Assert.Equal("-92233720368547758.08", MajorUnits.Format(new Money(long.MinValue, Currency.Usd)));
    }
}
