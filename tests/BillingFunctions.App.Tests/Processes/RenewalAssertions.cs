namespace BillingFunctions.App.Tests.Processes;

internal static class RenewalAssertions
{
    /// <summary>Exactly one paid invoice per expected period start, each charged once, and nothing else.</summary>
    public static async Task AssertOneInvoicePerPeriodAsync(RenewalHarness harness, EmulatorFixture emulator, string customer,
        params DateTimeOffset[] periodStarts)
    {
        var invoices = await harness.InvoicesAsync(customer);
        var byPeriod = invoices.GroupBy(i => i.Metadata!["period_start"]).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(periodStarts.Select(p => p.ToUnixTimeSeconds().ToString()).Order(), byPeriod.Keys.Order());
        foreach (var (period, list) in byPeriod)
        {
            var invoice = Assert.Single(list);
            Assert.Equal("paid", invoice.Status);
            Assert.Equal(2000, invoice.Total);
        }
        var charges = await emulator.ChargesAsync(customer);
        Assert.Equal(periodStarts.Length, charges.Count);
    }
}
