using Azure.Data.Tables;
using BillingFunctions.App.Http;
using BillingFunctions.App.Invoices;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Reporting;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Invoices;

/// <summary>The quarter summaries computed from scratch out of the invoice rows, beside the summary rows the dashboards read.</summary>
internal static class Recount
{
    public static async Task<(Dictionary<string, QuarterFigures> Stored, Dictionary<string, QuarterFigures> Recounted)> SummariesAsync(
        BillingTables tables, string tenantId, TenantCalendar calendar)
    {
        var stored = new Dictionary<string, QuarterFigures>();
        var recounted = new Dictionary<string, QuarterFigures>();
        // Stored: the dashboard table's copies, which the dashboards read.
        await foreach (var row in tables.Dashboards.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}")))
        {
            if (row.RowKey.StartsWith("sum|", StringComparison.Ordinal) || row.RowKey.StartsWith("suml|", StringComparison.Ordinal))
            {
                var figures = new QuarterFigures(row.GetInt64("Invoiced") ?? 0, row.GetInt64("Collected") ?? 0, row.GetInt64("Outstanding") ?? 0,
                    row.GetInt64("Overdue") ?? 0, row.GetInt32("InvoicedCount") ?? 0, row.GetInt32("PaidCount") ?? 0,
                    row.GetInt32("OpenCount") ?? 0, row.GetInt32("OverdueCount") ?? 0);
                // The shards of one subject (the fifth key part) add up to its figures.
                Add(stored, string.Join('|', row.RowKey.Split('|').Take(4)), figures);
            }
        }
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}")))
        {
            if (row.RowKey.StartsWith("inv|", StringComparison.Ordinal))
            {
                var invoice = InvoiceRow.Read(row);
                foreach (var (key, figures) in QuarterContribution.Of(invoice, calendar))
                {
                    Add(recounted, $"sum|{key.Quarter}|{key.Owner}|{key.Currency}", figures);
                    foreach (var label in invoice.Labels) Add(recounted, $"suml|{key.Quarter}|{label}|{key.Currency}", figures);
                }
            }
        }
        return (stored.Where(p => !p.Value.IsNone).ToDictionary(), recounted.Where(p => !p.Value.IsNone).ToDictionary());
    }

    private static void Add(Dictionary<string, QuarterFigures> figures, string key, QuarterFigures value) =>
        figures[key] = figures.TryGetValue(key, out var existing) ? existing + value : value;
}
