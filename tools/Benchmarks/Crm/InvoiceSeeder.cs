extern alias app;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Reporting;
using BillingFunctions.Domain.Tenancy;
using app::BillingFunctions.App.Dashboards;
using app::BillingFunctions.App.Invoices;

namespace Benchmarks.Crm;

/// <summary>
/// Fills a tenant partition with invoices in the app's own row format (invoice row, index rows, summary rows),
/// written in 100-operation transactions rather than through the API, so seeding 100,000 takes a minute, not an hour.
/// It writes the billing table only, as a tenant from before the read copies looks; the app's backfill
/// (<c>ReadCopyRepair</c>) then makes the copies.
/// </summary>
internal sealed class InvoiceSeeder(TableClient table, TenantId tenant, TenantCalendar calendar, IReadOnlyList<(UserId Rep, TeamId Team)> reps)
{
    public static readonly string[] Labels = ["retainer", "project", "support", "hardware", "travel", "q-end", "priority", "eu", "us", "renewal"];

    private readonly Dictionary<string, QuarterFigures> _summaries = [];

    /// <summary>Invoices spread over the year before <paramref name="now"/>: a tenth drafts, a third paid, the rest open.</summary>
    public async Task<int> SeedAsync(int count, DateTimeOffset now, string idPrefix, bool draftsOnly, CancellationToken cancellationToken)
    {
        var pending = new List<TableTransactionAction>();
        var writers = new List<Task>();
        using var gate = new SemaphoreSlim(4);
        var random = new Random(42);
        for (var i = 0; i < count; i++)
        {
            var (rep, team) = reps[i % reps.Count];
            var created = now.AddMinutes(-5 * (i % 100_000) - 60);
            var labels = new[] { Labels[random.Next(Labels.Length)], Labels[random.Next(Labels.Length)] }.Distinct().ToArray();
            var invoice = Invoice.CreateDraft(new NewInvoice(new InvoiceId($"{idPrefix}{i:D7}"), new CustomerId($"cus_{i % 5_000:D5}"), rep, team,
                Currency.Eur, CollectionMethod.SendInvoice, null, 30, [new NewInvoiceLine("Services", 1 + random.Next(5),
                    1_000 + random.Next(500_000), null)],
                labels), created, DateOnly.FromDateTime(created.UtcDateTime)).Value;
            if (!draftsOnly && i % 10 != 0)
            {
                invoice.Finalize(created, DateOnly.FromDateTime(created.UtcDateTime));
                if (i % 3 == 0) invoice.MarkPaid(invoice.Total.Minor, created.AddDays(7) < now ? created.AddDays(7) : now);
            }
            var snapshot = invoice.ToSnapshot();
            var rows = InvoiceIndex.Rows(tenant, snapshot, calendar, version: 0).Prepend(InvoiceRow.Write(tenant, snapshot)).ToList();
            foreach (var (key, figures) in SummaryRows.Deltas(null, snapshot, calendar))
                _summaries[key] = _summaries.TryGetValue(key, out var sum) ? sum + figures : figures;

            if (pending.Count + rows.Count > StorageExtensions.MaxTransactionActions)
            {
                writers.Add(SubmitAsync(pending, gate, cancellationToken));
                pending = [];
            }
            pending.AddRange(rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
        }
        if (pending.Count > 0) writers.Add(SubmitAsync(pending, gate, cancellationToken));
        await Task.WhenAll(writers);
        return count;
    }

    /// <summary>Writes the summary rows the seeded invoices add up to (on top of nothing: call once per tenant).</summary>
    public async Task WriteSummariesAsync(CancellationToken cancellationToken)
    {
        foreach (var chunk in _summaries.Chunk(StorageExtensions.MaxTransactionActions))
        {
            var actions = chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Summary(s.Key, s.Value))).ToList();
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    private TableEntity Summary(string key, QuarterFigures f) => new(tenant.Value, key)
    {
        ["Invoiced"] = f.Invoiced, ["Collected"] = f.Collected, ["Outstanding"] = f.Outstanding, ["Overdue"] = f.Overdue,
        ["InvoicedCount"] = f.InvoicedCount, ["PaidCount"] = f.PaidCount, ["OpenCount"] = f.OpenCount, ["OverdueCount"] = f.OverdueCount,
    };

    private async Task SubmitAsync(List<TableTransactionAction> actions, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try { await table.SubmitTransactionAsync(actions, cancellationToken); }
        finally { gate.Release(); }
    }
}
