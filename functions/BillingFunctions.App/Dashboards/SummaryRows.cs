using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Reporting;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Dashboards;

/// <summary>
/// Quarter summary rows, kept current by adding each invoice change's difference in the same transaction as the
/// invoice: <c>sum|{quarter}|{rep}|{currency}|{shard}</c> per owner, and <c>suml|{quarter}|{label}|{currency}|{shard}</c>
/// per label. Each subject's figures are split over <see cref="Shards"/> rows by invoice, because one row per rep was
/// a write hot spot: every invoice change of that rep (a renewal run on the first of the month, a webhook burst)
/// replaced the same row under its ETag, and all but one writer started over. Figures are sums, so readers add the
/// shards up, and rows written before sharding (no shard suffix) still count. Dashboards read the rows' copies in the
/// dashboard table (<see cref="ReadCopies"/>), where a quarter's rows are a short range rather than a scan of the tenant.
/// </summary>
internal static class SummaryRows
{
    public const int Shards = 16;

    public static string RepKey(Quarter quarter, string rep, string currency, int shard) => $"sum|{quarter}|{rep}|{currency}|{shard}";
    public static string LabelKey(Quarter quarter, string label, string currency, int shard) => $"suml|{quarter}|{label}|{currency}|{shard}";

    /// <summary>Stable across processes and versions (FNV-1a), unlike <see cref="string.GetHashCode()"/>.</summary>
    public static int ShardOf(InvoiceId invoice)
    {
        var hash = 2166136261u;
        foreach (var c in invoice.Value) hash = (hash ^ c) * 16777619u;
        return (int)(hash % Shards);
    }

    /// <summary>The change to every summary row (by row key) when an invoice goes from before to after.</summary>
    public static Dictionary<string, QuarterFigures> Deltas(InvoiceSnapshot? before, InvoiceSnapshot after, TenantCalendar calendar)
    {
        var shard = ShardOf(after.Id);
        var deltas = new Dictionary<string, QuarterFigures>();
        foreach (var (key, figures) in QuarterContribution.Delta(before, after, calendar))
            Add(deltas, RepKey(key.Quarter, key.Owner.Value, key.Currency.Code, shard), figures);
        AddLabels(deltas, after, calendar, shard, sign: 1);
        if (before is not null) AddLabels(deltas, before, calendar, shard, sign: -1);
        return deltas.Where(d => !d.Value.IsNone).ToDictionary();
    }

    private static void AddLabels(Dictionary<string, QuarterFigures> deltas, InvoiceSnapshot invoice, TenantCalendar calendar, int shard, int sign)
    {
        var contribution = QuarterContribution.Of(invoice, calendar);
        foreach (var label in invoice.Labels)
            foreach (var (key, figures) in contribution)
                Add(deltas, LabelKey(key.Quarter, label.Value, key.Currency.Code, shard), sign > 0 ? figures : -figures);
    }

    private static void Add(Dictionary<string, QuarterFigures> deltas, string key, QuarterFigures figures) =>
        deltas[key] = deltas.TryGetValue(key, out var existing) ? existing + figures : figures;

    /// <summary>
    /// Reads each row the deltas touch and plans its insert or ETag-guarded replace, one version up; the rows as
    /// planned are what <see cref="Copies"/> copies once the transaction commits.
    /// </summary>
    public static async Task<List<TableTransactionAction>> PlanAsync(TableClient table, TenantId tenant,
        IReadOnlyDictionary<string, QuarterFigures> deltas, CancellationToken cancellationToken)
    {
        var rows = await Task.WhenAll(deltas.Keys.Select(key => table.GetEntityOrNullAsync(tenant.Value, key, cancellationToken: cancellationToken)));
        return deltas.Select((d, i) => (Delta: d.Value, Key: d.Key, Row: rows[i])).Select(d =>
        {
            var current = d.Row is null ? QuarterFigures.None : Read(d.Row);
            var updated = Write(new TableEntity(tenant.Value, d.Key), current + d.Delta);
            updated[ReadCopies.Version] = (d.Row is null ? 0 : ReadCopies.VersionOf(d.Row)) + 1;
            return d.Row is null
                ? new TableTransactionAction(TableTransactionActionType.Add, updated)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, updated, d.Row.ETag);
        }).ToList();
    }

    /// <summary>The dashboard table's copies of summary rows written in a committed transaction (same keys).</summary>
    public static List<TableEntity> Copies(IEnumerable<TableTransactionAction> committed) =>
        committed.Select(a => a.Entity).OfType<TableEntity>().Where(IsSummary)
            .Select(r => ReadCopies.CopyOf(r, r.PartitionKey, r.RowKey)).ToList();

    /// <summary>Summary row keys start with <c>sum|</c> or <c>suml|</c>, both under this prefix (and nothing else is).</summary>
    public const string KeyPrefix = "sum";

    private static bool IsSummary(TableEntity row) =>
        row.RowKey.StartsWith("sum|", StringComparison.Ordinal) || row.RowKey.StartsWith("suml|", StringComparison.Ordinal);

    /// <summary>What a reader needs of a row: its key and figures (a quarter's rows are a few hundred for a big tenant).</summary>
    public static readonly string[] Columns =
        ["RowKey", "Invoiced", "Collected", "Outstanding", "Overdue", "InvoicedCount", "PaidCount", "OpenCount", "OverdueCount"];

    public static QuarterFigures Read(TableEntity row) => new(
        row.GetInt64("Invoiced") ?? 0, row.GetInt64("Collected") ?? 0, row.GetInt64("Outstanding") ?? 0, row.GetInt64("Overdue") ?? 0,
        row.GetInt32("InvoicedCount") ?? 0, row.GetInt32("PaidCount") ?? 0, row.GetInt32("OpenCount") ?? 0, row.GetInt32("OverdueCount") ?? 0);

    private static TableEntity Write(TableEntity row, QuarterFigures f)
    {
        row["Invoiced"] = f.Invoiced; row["Collected"] = f.Collected; row["Outstanding"] = f.Outstanding; row["Overdue"] = f.Overdue;
        row["InvoicedCount"] = f.InvoicedCount; row["PaidCount"] = f.PaidCount; row["OpenCount"] = f.OpenCount; row["OverdueCount"] = f.OverdueCount;
        return row;
    }
}
