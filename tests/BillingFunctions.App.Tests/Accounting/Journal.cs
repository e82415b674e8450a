using System.Globalization;
using BillingFunctions.App.Tests.Testing;

namespace BillingFunctions.App.Tests.Accounting;

/// <summary>A journal CSV as read back: its lines, and the checks an accounting import makes of it.</summary>
internal sealed record Journal(IReadOnlyList<Dictionary<string, string>> Lines)
{
    public static async Task<Journal> ExportAsync(HttpClient client, string from, string to) =>
        new(await CsvText.ReadAsync(await client.GetAsync($"/api/v1/accounting/journal.csv?from={from}&to={to}")));

    public IEnumerable<IGrouping<string, Dictionary<string, string>>> Entries => Lines.GroupBy(l => l["JournalNo"]);

    /// <summary>Debits and credits summed as QuickBooks reads them: decimal major units, per currency.</summary>
    public decimal Debits(string currency, string? account = null) => Sum("Debits", currency, account);

    public decimal Credits(string currency, string? account = null) => Sum("Credits", currency, account);

    /// <summary>Each entry's lines are consecutive, in one currency, on one date, each a debit or a credit, and they balance.</summary>
    public void AssertEveryEntryBalances()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < Lines.Count; i++)
        {
            var number = Lines[i]["JournalNo"];
            if (i == 0 || Lines[i - 1]["JournalNo"] != number) Assert.True(seen.Add(number), $"The lines of {number} are not consecutive.");
            Assert.True(Lines[i]["Debits"].Length == 0 ^ Lines[i]["Credits"].Length == 0, $"Line {i + 2} is not a debit or a credit.");
        }
        foreach (var entry in Entries)
        {
            Assert.Single(entry.Select(l => (l["Currency"], l["JournalDate"])).Distinct());
            Assert.Equal(entry.Sum(l => Amount(l["Debits"])), entry.Sum(l => Amount(l["Credits"])));
        }
        foreach (var currency in Lines.Select(l => l["Currency"]).Distinct()) Assert.Equal(Debits(currency), Credits(currency));
    }

    private decimal Sum(string column, string currency, string? account) =>
        Lines.Where(l => l["Currency"] == currency && (account is null || l["AccountName"] == account)).Sum(l => Amount(l[column]));

    private static decimal Amount(string text) =>
        text.Length == 0 ? 0 : decimal.Parse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
