using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Invoices;
using BillingFunctions.Domain.Reporting;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Dashboards;

public sealed record FiguresResponse(string Currency, long Invoiced, long Collected, long Outstanding, long Overdue,
    int InvoicedCount, int PaidCount, int OpenCount, int OverdueCount)
{
    public static IReadOnlyList<FiguresResponse> From(IEnumerable<(string Currency, QuarterFigures Figures)> rows) =>
        rows.GroupBy(r => r.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Aggregate(QuarterFigures.None, (sum, r) => sum + r.Figures) is var f
                ? new FiguresResponse(g.Key, f.Invoiced, f.Collected, f.Outstanding, f.Overdue, f.InvoicedCount, f.PaidCount,
                    f.OpenCount, f.OverdueCount)
                : null!).ToList();
}

/// <summary>One summary row (one shard of a subject): its key parts (rep or label, currency) and figures.</summary>
public sealed record SummaryRow(string Subject, string Currency, QuarterFigures Figures);

/// <summary>
/// Dashboards read summary rows only, from their copies in the dashboard table: a range per quarter (and rep) over a
/// table that holds nothing else, never the invoices or the rest of the tenant's partition.
/// </summary>
public sealed class DashboardQueries(BillingTables tables)
{
    public Task<IReadOnlyList<SummaryRow>> RepRowsAsync(TenantId tenant, Quarter quarter, UserId rep, CancellationToken cancellationToken) =>
        ReadAsync(tenant, $"sum|{quarter}|{rep.Value}|", cancellationToken);

    public Task<IReadOnlyList<SummaryRow>> QuarterRowsAsync(TenantId tenant, Quarter quarter, CancellationToken cancellationToken) =>
        ReadAsync(tenant, $"sum|{quarter}|", cancellationToken);

    public Task<IReadOnlyList<SummaryRow>> LabelRowsAsync(TenantId tenant, Quarter quarter, CancellationToken cancellationToken) =>
        ReadAsync(tenant, $"suml|{quarter}|", cancellationToken);

    private async Task<IReadOnlyList<SummaryRow>> ReadAsync(TenantId tenant, string prefix, CancellationToken cancellationToken)
    {
        var rows = new List<SummaryRow>();
        await foreach (var row in tables.Dashboards.QueryAsync<TableEntity>(StorageExtensions.PrefixFilter(tenant.Value, prefix),
            select: SummaryRows.Columns,
            cancellationToken: cancellationToken))
        {
            // Row key: sum|{quarter}|{rep}|{currency}|{shard} or suml|{quarter}|{label}|{currency}|{shard}; readers sum the shards.
            var parts = row.RowKey.Split('|');
            var figures = SummaryRows.Read(row);
            // A row whose invoices all moved elsewhere (voided, reassigned) is all zeros; it is not a figure to show.
            if (!figures.IsNone) rows.Add(new SummaryRow(parts[2], parts[3], figures));
        }
        return rows;
    }
}
