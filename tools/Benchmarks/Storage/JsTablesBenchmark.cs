using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Benchmarks.Storage;

/// <summary>Runs js/tables-bench.mjs with node and reads the rates it prints.</summary>
internal static class JsTablesBenchmark
{
    public static async Task<TableRates> RunAsync(string connectionString, string table, BenchmarkCounts counts)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("node") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(root, "tools", "Benchmarks", "js", "tables-bench.mjs"));
        start.Environment["AZURITE_CONNECTION_STRING"] = connectionString;
        start.Environment["TABLE"] = table;
        start.Environment["SINGLE_INSERTS"] = counts.SingleInserts.ToString(CultureInfo.InvariantCulture);
        start.Environment["BATCHES"] = counts.Batches.ToString(CultureInfo.InvariantCulture);
        start.Environment["POINT_READS"] = counts.PointReads.ToString(CultureInfo.InvariantCulture);
        start.Environment["WARMUP"] = counts.Warmup.ToString(CultureInfo.InvariantCulture);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start; is Node.js on PATH?");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"tables-bench.mjs exited with {process.ExitCode}: {await stderr}");
        return JsonSerializer.Deserialize<TableRates>(await stdout, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("tables-bench.mjs printed nothing.");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BillingFunctions.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No BillingFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
