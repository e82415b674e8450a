using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.MonthEnd;
using static BillingFunctions.Domain.Tests.MonthEnd.MonthEndFixtures;

namespace BillingFunctions.Domain.Tests.MonthEnd;

public class BillingEntryAmountTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-500_00)]
    [InlineData(InvoiceLimits.MaxAmountMinor + 1)]
    [InlineData(long.MaxValue)]
    public void Zero_negative_and_absurd_amounts_are_refused(long amountMinor)
    {
        var entry = OpenEntry();
        Assert.Equal("invalid", entry.Submit(Rep, amountMinor, Currency.Eur, "Work", Now).Error?.Code);
        Assert.Equal(BillingEntryStatus.Open, entry.Status);
        Assert.Null(entry.Amount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(InvoiceLimits.MaxAmountMinor)]
    public void Amounts_from_one_minor_unit_up_to_stripes_limit_are_accepted(long amountMinor)
    {
        var entry = OpenEntry();
        Assert.True(entry.Submit(Rep, amountMinor, Currency.Eur, "Work", Now).IsSuccess);
        Assert.Equal(amountMinor, entry.Amount?.Minor);
    }

    [Fact]
    public void An_amount_in_another_currency_than_the_customers_is_refused()
    {
        var entry = OpenEntry();
        var result = entry.Submit(Rep, 100_00, Currency.Usd, "Work", Now);
        Assert.Equal("invalid", result.Error?.Code);
        Assert.Contains("eur", result.Error!.Message);
        Assert.Equal(BillingEntryStatus.Open, entry.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_note_is_required_because_it_becomes_the_invoice_line(string? note)
    {
        var entry = OpenEntry();
        Assert.Equal("invalid", entry.Submit(Rep, 100_00, Currency.Eur, note, Now).Error?.Code);
    }

    [Fact]
    public void A_note_longer_than_an_invoice_line_description_is_refused()
    {
        var entry = OpenEntry();
        var tooLong = new string('x', BillingEntry.MaxNoteLength + 1);
        Assert.Equal("invalid", entry.Submit(Rep, 100_00, Currency.Eur, tooLong, Now).Error?.Code);
        Assert.True(entry.Submit(Rep, 100_00, Currency.Eur, tooLong[..^1], Now).IsSuccess);
    }

    [Fact]
    public void A_zero_decimal_currency_is_taken_in_its_own_minor_units()
    {
        var entry = OpenEntry(Customer(currency: Currency.Parse("jpy")));
        Assert.True(entry.Submit(Rep, 150_000, Currency.Parse("JPY"), "Yen work", Now).IsSuccess);
        Assert.Equal(new Money(150_000, Currency.Parse("jpy")), entry.Amount);
    }
}
