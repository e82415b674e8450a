extern alias app;
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;
using Microsoft.Extensions.Logging.Abstractions;
using app::BillingFunctions.App.Hosting;
using app::BillingFunctions.App.Audit;
using app::BillingFunctions.App.Dashboards;
using app::BillingFunctions.App.Invoices;
using app::BillingFunctions.App.Tenancy;

namespace Benchmarks.Storage;

/// <summary>
/// Our invoice store (functions/BillingFunctions.App/Invoices, on Azure.Data.Tables) against raw Azure.Data.Tables calls
/// that write the same billing-table rows, on the same Azurite, one operation at a time: create a draft, finalize it
/// (a change that moves summary rows), read it. The raw side issues the reads and the one entity-group transaction
/// the store's write is made of, built with the same row helpers, and nothing else: no decision loop, no audit
/// timeline read, and no read copies (dashboard and label tables), which are the store's extra round trips.
/// Rounds alternate which side goes first; medians are compared. Options: --rounds N, --invoices N.
/// </summary>
internal static class StoreBenchmark
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static async Task<int> RunAsync(string[] args)
    {
        var connection = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING");
        if (string.IsNullOrEmpty(connection))
        {
            Console.Error.WriteLine("AZURITE_CONNECTION_STRING is not set; run: scripts/dev-azurite.sh dotnet run -c Release --project " +
                "tools/Benchmarks -- storage");
            return 2;
        }
        var rounds = Option(args, "--rounds", 5);
        var count = Option(args, "--invoices", 200);
        Console.WriteLine($"Invoice store against raw Azure.Data.Tables on Azurite: {rounds} rounds of {count} invoices created, finalized " +
            $"and read, one at a time.");

        var ours = new List<Rates>();
        var raw = new List<Rates>();
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0) ours.Add(await MeasureStoreAsync(connection, count));
            raw.Add(await MeasureRawAsync(connection, count));
            if (round % 2 == 1) ours.Add(await MeasureStoreAsync(connection, count));
            Console.WriteLine($"round {round + 1}: store {ours[^1]} | raw {raw[^1]}");
        }
        Console.WriteLine();
        Console.WriteLine($"{"median of rounds, per second",-30}{"store",10}{"raw SDK",10}{"store / raw",14}");
        Row("creates", ours.Select(r => r.Creates), raw.Select(r => r.Creates));
        Row("finalizes", ours.Select(r => r.Finalizes), raw.Select(r => r.Finalizes));
        Row("point reads", ours.Select(r => r.Reads), raw.Select(r => r.Reads));
        return 0;
    }

    private sealed record Rates(double Creates, double Finalizes, double Reads)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Creates:F0} creates/s, {Finalizes:F0} finalizes/s, {Reads:F0} reads/s");
    }

    private static async Task<(BillingTables Tables, Tenant Tenant)> FreshAsync(string connection)
    {
        var name = "st" + Guid.NewGuid().ToString("N");
        var tables = BillingTables.Named(connection, name, name + "keys");
        await tables.CreateIfNotExistsAsync(CancellationToken.None);
        return (tables, new Tenant(new TenantId("ten_bench"), "Bench", Currency.Eur, "Europe/Berlin", null, null, null, Now));
    }

    private static InvoiceSnapshot Draft(int i) => Invoice.CreateDraft(new NewInvoice(new InvoiceId($"inv_{i:D6}"),
        new CustomerId($"cus_{i % 50:D3}"),
        new UserId($"rep-{i % 20:D2}"), new TeamId($"team-{i % 4}"), Currency.Eur, CollectionMethod.SendInvoice, null, 30,
        [new NewInvoiceLine("Services", 1 + i % 5, 1_000 + i, null)], ["retainer"]), Now, DateOnly.FromDateTime(Now.UtcDateTime)).Value.ToSnapshot();

    private static AuditEntry Audit(InvoiceSnapshot invoice, string action) => new(Now, "bench", action, "", invoice.Id, invoice.Customer);

    private static async Task<Rates> MeasureStoreAsync(string connection, int count)
    {
        var (tables, tenant) = await FreshAsync(connection);
        var store = new InvoiceStore(tables, TimeProvider.System, NullLogger<InvoiceStore>.Instance);
        var creates = await RateAsync(count, i => store.CreateAsync(tenant, Draft(i), Audit(Draft(i), "invoice.created"), CancellationToken.None));
        var finalizes = await RateAsync(count, i => store.ChangeAsync(tenant, new InvoiceId($"inv_{i:D6}"), invoice =>
        {
            List<InvoiceChange> changes = [invoice.Finalize(Now, DateOnly.FromDateTime(Now.UtcDateTime)).Value];
            return changes;
        }, "bench", null, CancellationToken.None));
        var reads = await RateAsync(count, i => store.GetAsync(tenant, new InvoiceId($"inv_{i:D6}"), CancellationToken.None));
        return new Rates(creates, finalizes, reads);
    }

    private static async Task<Rates> MeasureRawAsync(string connection, int count)
    {
        var (tables, tenant) = await FreshAsync(connection);
        var table = tables.Billing;
        var creates = await RateAsync(count, async i =>
        {
            var draft = Draft(i);
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, InvoiceRow.Write(tenant.Id, draft)) };
            actions.AddRange(InvoiceIndex.Rows(tenant.Id, draft, tenant.Calendar, 1)
                .Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
            actions.AddRange(AuditRows.Plan(tenant.Id, Audit(draft, "invoice.created")));
            await table.SubmitTransactionAsync(actions);
        });
        var finalizes = await RateAsync(count, async i =>
        {
            var row = (await table.GetEntityAsync<TableEntity>(tenant.Id.Value, $"inv|inv_{i:D6}")).Value;
            var before = InvoiceRow.Read(row);
            var invoice = Invoice.Restore(before);
            invoice.Finalize(Now, DateOnly.FromDateTime(Now.UtcDateTime));
            var after = invoice.ToSnapshot();
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace,
                InvoiceRow.Write(tenant.Id, after), row.ETag) };
            var index = InvoiceIndex.Rows(tenant.Id, after, tenant.Calendar, 2);
            var kept = index.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
            actions.AddRange(InvoiceIndex.Rows(tenant.Id, before, tenant.Calendar, 2).Where(r => !kept.Contains(r.RowKey))
                .Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r)));
            actions.AddRange(index.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
            actions.AddRange(await SummaryRows.PlanAsync(table, tenant.Id, SummaryRows.Deltas(before, after, tenant.Calendar),
                CancellationToken.None));
            actions.AddRange(AuditRows.Plan(tenant.Id, Audit(after, "invoice.finalized")));
            await table.SubmitTransactionAsync(actions);
        });
        var reads = await RateAsync(count, i => table.GetEntityOrNullAsync(tenant.Id.Value, $"inv|inv_{i:D6}"));
        return new Rates(creates, finalizes, reads);
    }

    private static async Task<double> RateAsync(int count, Func<int, Task> operation)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) await operation(i);
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    private static void Row(string name, IEnumerable<double> store, IEnumerable<double> raw)
    {
        var (s, r) = (Median(store), Median(raw));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-30}{s,10:F0}{r,10:F0}{s / r,14:F2}"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
