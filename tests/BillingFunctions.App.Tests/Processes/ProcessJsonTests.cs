using System.Text.Json;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.App.Tests.Processes;

public class ProcessJsonTests
{
    [Theory]
    [InlineData(IntervalUnit.Month, 1, 1)]
    [InlineData(IntervalUnit.Quarter, 1, 3)]
    [InlineData(IntervalUnit.Year, 2, 24)]
    public void A_stored_billing_interval_reads_back_as_the_same_number_of_months(IntervalUnit unit, int count, int months)
    {
        var json = ProcessJson.Create();

        var back = JsonSerializer.Deserialize<BillingInterval>(JsonSerializer.Serialize(new BillingInterval(unit, count), json), json);

        Assert.Equal(months, back.Months);
    }

    [Fact]
    public void Money_keeps_its_minor_units_and_currency()
    {
        var json = ProcessJson.Create();
        var money = new Money(9_007_199_254_740_993, Currency.Parse("JPY"));

        Assert.Equal(money, JsonSerializer.Deserialize<Money>(JsonSerializer.Serialize(money, json), json));
    }
}
