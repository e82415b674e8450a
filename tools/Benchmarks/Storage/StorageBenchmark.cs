using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;

namespace Benchmarks.Storage;

/// <summary>
/// Our Table client against the official @azure/data-tables SDK on the same Azurite, one operation at a
/// time: single inserts/s, entities/s in 100-entity transactions, point reads/s, and the ratios.
/// The machine is shared, so the two clients run in alternating rounds and the medians are compared.
/// Options: --rounds N, --single N, --batches N, --reads N, --warmup N.
/// </summary>
internal static class StorageBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING");
        if (string.IsNullOrEmpty(connectionString))
        {
            Console.Error.WriteLine("AZURITE_CONNECTION_STRING is not set; run: scripts/dev-azurite.sh dotnet run -c Release --project " +
                "tools/Benchmarks -- storage");
            return 2;
        }
        var counts = BenchmarkCounts.Parse(args);
        Console.WriteLine($"Storage clients on Azurite: {counts.Rounds} rounds of {counts.SingleInserts} single inserts, " +
            $"{counts.Batches} x 100-entity transactions, {counts.PointReads} point reads; one operation at a time.");

        var ourRounds = new List<TableRates>();
        var jsRounds = new List<TableRates>();
        for (var round = 0; round < counts.Rounds; round++)
        {
            // Alternate who goes first, so neither always meets a warmer (or busier) Azurite.
            if (round % 2 == 0)
                ourRounds.Add(await MeasureOursAsync(connectionString, counts));
            jsRounds.Add(await JsTablesBenchmark.RunAsync(connectionString, "js" + Guid.NewGuid().ToString("N"), counts));
            if (round % 2 == 1)
                ourRounds.Add(await MeasureOursAsync(connectionString, counts));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1}: ours {Format(ourRounds[^1])} | js {Format(jsRounds[^1])}"));
        }
        var ours = Median(ourRounds);
        var js = Median(jsRounds);

        Console.WriteLine();
        Console.WriteLine($"{"median of rounds",-26}{"ours",14}{"@azure/data-tables",22}{"ours / js",12}");
        Row("single inserts/s", ours.SingleInsertsPerSecond, js.SingleInsertsPerSecond);
        Row("entities/s in batches", ours.BatchEntitiesPerSecond, js.BatchEntitiesPerSecond);
        Row("point reads/s", ours.PointReadsPerSecond, js.PointReadsPerSecond);
        return 0;
    }

    private static async Task<TableRates> MeasureOursAsync(string connectionString, BenchmarkCounts counts)
    {
        var table = new TableClient(connectionString, "cs" + Guid.NewGuid().ToString("N"));
        await table.CreateIfNotExistsAsync();
        for (var i = 0; i < counts.Warmup; i++)
        {
            await table.AddEntityAsync(Invoice("warmup", i));
            await table.GetEntityAsync<TableEntity>("warmup", Invoice("warmup", i).RowKey);
        }

        var singles = await RateAsync(counts.SingleInserts, i => table.AddEntityAsync(Invoice("single", i)));
        var batches = await RateAsync(counts.Batches, b => table.SubmitTransactionAsync(
            Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Invoice($"batch-{b}", i)))));
        var reads = await RateAsync(counts.PointReads, i => table.GetEntityAsync<TableEntity>("single", RowKey(i % counts.SingleInserts)));
        return new TableRates(singles, batches * 100, reads);
    }

    // The same invoice-like shape as js/tables-bench.mjs: 8 properties over the common types.
    private static TableEntity Invoice(string partitionKey, int i) => new(partitionKey, RowKey(i))
    {
        ["Customer"] = $"cus_{i}",
        ["Status"] = "open",
        ["AmountMinor"] = 125_000L + i,
        ["Currency"] = "EUR",
        ["DueOn"] = new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero),
        ["Id"] = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
        ["Attempt"] = 1,
        ["Paid"] = false,
    };

    private static string RowKey(int i) => $"inv|{i:D8}";

    private static async Task<double> RateAsync(int count, Func<int, Task> operation)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
            await operation(i);
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    private static TableRates Median(List<TableRates> rounds) => new(
        Median(rounds.Select(r => r.SingleInsertsPerSecond)),
        Median(rounds.Select(r => r.BatchEntitiesPerSecond)),
        Median(rounds.Select(r => r.PointReadsPerSecond)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Format(TableRates r) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{r.SingleInsertsPerSecond:F0} inserts/s, {r.BatchEntitiesPerSecond:F0} batched/s, {r.PointReadsPerSecond:F0} reads/s");

    private static void Row(string name, double ours, double js) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-26}{ours,14:F0}{js,22:F0}{ours / js,12:F2}"));
}

internal sealed record TableRates(double SingleInsertsPerSecond, double BatchEntitiesPerSecond, double PointReadsPerSecond);

internal sealed record BenchmarkCounts(int Rounds, int SingleInserts, int Batches, int PointReads, int Warmup)
{
    public static BenchmarkCounts Parse(string[] args)
    {
        int Option(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }
        return new BenchmarkCounts(Option("--rounds", 5), Option("--single", 500), Option("--batches", 20), Option("--reads", 1000),
            Option("--warmup", 100));
    }
}
