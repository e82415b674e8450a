using BillingFunctions.Domain.Analytics;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.Tests.Analytics;

public class ReceivablesAgingTests
{
    private static readonly DateOnly On = new(2026, 6, 30);

    private static OpenReceivable Usd(long minor, DateOnly? dueOn, DateOnly? issuedOn = null) =>
        new(new Money(minor, Currency.Usd), issuedOn ?? new DateOnly(2026, 1, 1), dueOn);

    [Theory]
    [InlineData(2026, 7, 10, AgingBucket.Current)]
    [InlineData(2026, 6, 30, AgingBucket.Current)]
    [InlineData(2026, 6, 29, AgingBucket.Days1To30)]
    [InlineData(2026, 5, 31, AgingBucket.Days1To30)]
    [InlineData(2026, 5, 30, AgingBucket.Days31To60)]
    [InlineData(2026, 5, 1, AgingBucket.Days31To60)]
    [InlineData(2026, 4, 30, AgingBucket.Days61To90)]
    [InlineData(2026, 4, 1, AgingBucket.Days61To90)]
    [InlineData(2026, 3, 31, AgingBucket.Over90)]
    public void Days_past_due_put_an_invoice_in_its_bucket(int year, int month, int day, AgingBucket expected) =>
        Assert.Equal(expected, ReceivablesAging.BucketOf(Usd(100, new DateOnly(year, month, day)), On));

    [Fact]
    public void An_invoice_charged_automatically_is_due_when_issued()
    {
        Assert.Equal(AgingBucket.Current, ReceivablesAging.BucketOf(Usd(100, null, On), On));
        Assert.Equal(AgingBucket.Days1To30, ReceivablesAging.BucketOf(Usd(100, null, new DateOnly(2026, 6, 1)), On));
    }

    [Fact]
    public void Amounts_add_up_per_bucket_and_per_currency()
    {
        var aging = ReceivablesAging.Of(
            [
                Usd(1_000, new DateOnly(2026, 7, 1)), Usd(2_500, new DateOnly(2026, 7, 15)), Usd(400, new DateOnly(2026, 6, 1)),
                Usd(9_999, new DateOnly(2025, 12, 31)), new(new Money(7_000, Currency.Eur), On, new DateOnly(2026, 6, 20)),
            ], On);

        Assert.Equal(["eur", "usd"], aging.Select(a => a.Currency.Code));
        var usd = aging[1];
        Assert.Equal(3_500, usd.Amounts[AgingBucket.Current].Minor);
        Assert.Equal(2, usd.Counts[AgingBucket.Current]);
        Assert.Equal(400, usd.Amounts[AgingBucket.Days1To30].Minor);
        Assert.Equal(0, usd.Amounts[AgingBucket.Days31To60].Minor);
        Assert.Equal(9_999, usd.Amounts[AgingBucket.Over90].Minor);
        Assert.Equal(new Money(13_899, Currency.Usd), usd.Total);
        Assert.Equal(7_000, aging[0].Amounts[AgingBucket.Days1To30].Minor);
    }

    [Fact]
    public void Dso_is_what_is_owed_over_what_was_invoiced_times_the_days()
    {
        var aging = ReceivablesAging.Of([Usd(30_000, new DateOnly(2026, 7, 1))], On).Single();

        // 30,000 owed of 90,000 invoiced in 90 days: 30 days of sales outstanding.
        Assert.Equal(30.0m, aging.DaysSalesOutstanding(new Money(90_000, Currency.Usd), 90));
        Assert.Null(aging.DaysSalesOutstanding(Money.Zero(Currency.Usd), 90));
    }
}
