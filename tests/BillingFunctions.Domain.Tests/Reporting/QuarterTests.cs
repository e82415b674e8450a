using BillingFunctions.Domain.Reporting;

namespace BillingFunctions.Domain.Tests.Reporting;

/// <summary>A quarter is read back only from the form it is written in: four digits of year, "-Q", one to four.</summary>
public sealed class QuarterTests
{
    [Theory]
    [InlineData("-001-Q1")]
    [InlineData("+202-Q1")]
    [InlineData(" 202-Q1")]
    [InlineData("2026-Q0")]
    [InlineData("2026-Q5")]
    [InlineData("2026Q4")]
    public void Text_that_is_not_four_digits_of_year_and_a_quarter_number_is_not_a_quarter(string text) =>
        Assert.False(Quarter.TryParse(text, out _), text);

    [Fact]
    public void A_written_quarter_reads_back_as_itself()
    {
        Assert.True(Quarter.TryParse("2026-Q4", out var quarter));
        Assert.Equal((new Quarter(2026, 4), "2026-Q4"), (quarter, quarter.ToString()));
    }
}
