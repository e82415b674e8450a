using System.Text.Json;
using Azure.Data.Tables;
using BillingFunctions.Domain.Analytics;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Analytics;

/// <summary>
/// A closed month of one currency, in the dashboard table: rows <c>mrr|{currency}|{yyyy-MM}|{part}</c>, each holding up to
/// <see cref="EntriesPerRow"/> paying customers as JSON <c>[customer, mrr, returning]</c> (a string property holds 32K
/// characters). A month in which nobody paid still has its part 000, so "closed" is one point read.
/// </summary>
internal static class MrrMonthRows
{
    public const string Prefix = "mrr|";
    public const int EntriesPerRow = 400;

    public static string MonthPrefix(Currency currency, AnalyticsMonth month) => $"{Prefix}{currency.Code}|{month}|";

    public static IReadOnlyList<TableEntity> Write(TenantId tenant, Currency currency, AnalyticsMonth month,
        IReadOnlyDictionary<CustomerId, MonthEntry> entries, DateTimeOffset closedAt)
    {
        var chunks = entries.OrderBy(e => e.Key.Value, StringComparer.Ordinal).Chunk(EntriesPerRow).ToList();
        if (chunks.Count == 0) chunks.Add([]);
        return [.. chunks.Select((chunk, part) => new TableEntity(tenant.Value, $"{MonthPrefix(currency, month)}{part:D3}")
        {
            ["Currency"] = currency.Code, ["Month"] = month.ToString(), ["Parts"] = chunks.Count, ["ClosedAt"] = closedAt,
            ["Entries"] = JsonSerializer.Serialize(chunk.Select(e => new object[] { e.Key.Value, e.Value.Mrr, e.Value.Returning ? 1 : 0 })),
        })];
    }

    /// <summary>Every closed month in the rows; a month whose parts are not all there counts as not closed.</summary>
    public static Dictionary<(Currency Currency, AnalyticsMonth Month), Dictionary<CustomerId, MonthEntry>> Read(IEnumerable<TableEntity> rows)
    {
        var months = new Dictionary<(Currency, AnalyticsMonth), (int Parts, int Seen, Dictionary<CustomerId, MonthEntry> Entries)>();
        foreach (var row in rows)
        {
            if (!Currency.TryParse(row.GetString("Currency"), out var currency)
                || !AnalyticsMonth.TryParse(row.GetString("Month"), out var month)) continue;
            var key = (currency, month);
            var (parts, seen, entries) = months.GetValueOrDefault(key, (row.GetInt32("Parts") ?? 1, 0, new Dictionary<CustomerId, MonthEntry>()));
            foreach (var entry in JsonSerializer.Deserialize<JsonElement[][]>(row.GetString("Entries") ?? "[]") ?? [])
                entries[new CustomerId(entry[0].GetString()!)] = new MonthEntry(entry[1].GetInt64(), entry[2].GetInt32() == 1);
            months[key] = (parts, seen + 1, entries);
        }
        return months.Where(m => m.Value.Seen == m.Value.Parts).ToDictionary(m => m.Key, m => m.Value.Entries);
    }
}
