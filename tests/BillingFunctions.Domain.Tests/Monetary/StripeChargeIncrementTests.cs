using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.MonthEnd;
using BillingFunctions.Domain.Subscriptions;
using SubscriptionPeriod = BillingFunctions.Domain.Subscriptions.BillingPeriod;
using static BillingFunctions.Domain.Tests.MonthEnd.MonthEndFixtures;

namespace BillingFunctions.Domain.Tests.Monetary;

/// <summary>
/// Stripe charges the three-decimal currencies (KWD, BHD, JOD, OMR, TND) to two decimals' precision: every amount
/// sent to it in them ends in 0. Computed amounts are rounded to that step; amounts people enter must already be on it.
/// </summary>
public class StripeChargeIncrementTests
{
    private static readonly Currency Kwd = Currency.Parse("kwd");

    [Theory]
    [InlineData("kwd", 10)]
    [InlineData("BHD", 10)]
    [InlineData("jod", 10)]
    [InlineData("omr", 10)]
    [InlineData("tnd", 10)]
    [InlineData("usd", 1)]
    [InlineData("jpy", 1)]
    public void Three_decimal_currencies_are_charged_in_steps_of_ten_minor_units(string code, long step) =>
        Assert.Equal(step, Currency.Parse(code).StripeChargeIncrement);

    [Theory]
    [InlineData(12_340, 500, 620)]    // 617 fils rounds to 620
    [InlineData(1_290, 500, 60)]      // 64.5 is nearer 60: rounded once, not 65 then 70
    [InlineData(1_300, 500, 70)]      // 65 is halfway: away from zero
    [InlineData(-1_300, 500, -70)]
    [InlineData(1_234, 500, 60)]      // 61.7
    public void Tax_in_a_three_decimal_currency_rounds_half_away_from_zero_to_a_multiple_of_ten(long minor, int basisPoints, long expected) =>
        Assert.Equal(expected, new Money(minor, Kwd).ShareInBasisPoints(basisPoints).Minor);

    [Fact]
    public void An_invoice_line_in_kwd_carries_a_tax_stripe_accepts_and_its_total_is_what_stripe_charges()
    {
        var line = InvoiceLine.Create("li_1", "Consulting", 2, 6_170, Kwd, 500).Value;

        Assert.Equal((12_340L, 620L), (line.Amount.Minor, line.Tax.Minor));
    }

    [Theory]
    [InlineData(1_234)]
    [InlineData(5)]
    public void An_entered_unit_amount_stripe_would_refuse_is_invalid(long unitAmount)
    {
        var result = InvoiceLine.Create("li_1", "Consulting", 1, unitAmount, Kwd, null);

        Assert.Equal("invalid", result.Error?.Code);
        Assert.Contains("kwd", result.Error!.Message);
    }

    [Fact]
    public void The_same_unit_amount_is_fine_in_a_two_decimal_currency() =>
        Assert.True(InvoiceLine.Create("li_1", "Consulting", 1, 1_234, Currency.Usd, 500).IsSuccess);

    [Fact]
    public void A_proration_in_kwd_is_rounded_to_a_multiple_of_ten()
    {
        var period = new SubscriptionPeriod(new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2027, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var at = period.Start.AddDays(10);

        Assert.Equal(6_670, Proration.Remaining(new Money(10_000, Kwd), period, at).Minor);
        Assert.Equal(6_667, Proration.Remaining(new Money(10_000, Currency.Usd), period, at).Minor);
        Assert.All(Proration.ForChange("old", new Money(10_000, Kwd), "new", new Money(25_550, Kwd), period, at),
            l => Assert.Equal(0, l.Amount.Minor % 10));
    }

    [Fact]
    public void Plan_and_price_change_amounts_stripe_would_refuse_are_invalid()
    {
        var created = Plan.Create(new PlanId("pln_1"), new ProductId("prd_1"), "Gold", new Money(1_234, Kwd), BillingInterval.Monthly);
        var plan = Plan.Create(new PlanId("pln_1"), new ProductId("prd_1"), "Gold", new Money(1_230, Kwd), BillingInterval.Monthly).Value;

        Assert.Equal("invalid", created.Error?.Code);
        Assert.Equal("invalid", plan.ChangePrice(new Money(1_235, Kwd), DateTimeOffset.MaxValue).Error?.Code);
    }

    [Fact]
    public void A_month_end_amount_stripe_would_refuse_is_invalid()
    {
        var entry = OpenEntry(Customer(currency: Kwd));

        Assert.Equal("invalid", entry.Submit(Rep, 1_235, Kwd, "Work", Now).Error?.Code);
        Assert.True(entry.Submit(Rep, 1_230, Kwd, "Work", Now).IsSuccess);
    }
}
