using BillingFunctions.Adapters.Storage;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Reporting;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Dashboards;

/// <summary>
/// Quarter summary rows, kept current by adding each invoice change's difference in the same transaction as the
/// invoice: <c>sum|{quarter}|{rep}|{currency}</c> per owner, and <c>suml|{quarter}|{label}|{currency}</c> per label.
/// </summary>
internal static class SummaryRows
{
    public static string RepKey(Quarter quarter, string rep, string currency) => $"sum|{quarter}|{rep}|{currency}";
    public static string LabelKey(Quarter quarter, string label, string currency) => $"suml|{quarter}|{label}|{currency}";

    /// <summary>The change to every summary row (by row key) when an invoice goes from before to after.</summary>
    public static Dictionary<string, QuarterFigures> Deltas(InvoiceSnapshot? before, InvoiceSnapshot after, TenantCalendar calendar)
    {
        var deltas = new Dictionary<string, QuarterFigures>();
        foreach (var (key, figures) in QuarterContribution.Delta(before, after, calendar))
            Add(deltas, RepKey(key.Quarter, key.Owner.Value, key.Currency.Code), figures);
        AddLabels(deltas, after, calendar, sign: 1);
        if (before is not null) AddLabels(deltas, before, calendar, sign: -1);
        return deltas.Where(d => !d.Value.IsNone).ToDictionary();
    }

    private static void AddLabels(Dictionary<string, QuarterFigures> deltas, InvoiceSnapshot invoice, TenantCalendar calendar, int sign)
    {
        var contribution = QuarterContribution.Of(invoice, calendar);
        foreach (var label in invoice.Labels)
            foreach (var (key, figures) in contribution)
                Add(deltas, LabelKey(key.Quarter, label.Value, key.Currency.Code), sign > 0 ? figures : -figures);
    }

    private static void Add(Dictionary<string, QuarterFigures> deltas, string key, QuarterFigures figures) =>
        deltas[key] = deltas.TryGetValue(key, out var existing) ? existing + figures : figures;

    /// <summary>Reads each row the deltas touch and plans its insert or ETag-guarded replace.</summary>
    public static async Task<List<TableTransactionAction>> PlanAsync(TableClient table, TenantId tenant,
        IReadOnlyDictionary<string, QuarterFigures> deltas, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        foreach (var (key, delta) in deltas)
        {
            var row = await table.GetEntityIfExistsAsync(tenant.Value, key, cancellationToken: cancellationToken);
            var current = row is null ? QuarterFigures.None : Read(row);
            var updated = Write(new TableEntity(tenant.Value, key), current + delta);
            actions.Add(row is null
                ? new TableTransactionAction(TableTransactionActionType.Add, updated)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, updated, row.ETag));
        }
        return actions;
    }

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
