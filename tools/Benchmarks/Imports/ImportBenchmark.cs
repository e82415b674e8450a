extern alias app;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Benchmarks.Crm;
using CsvHelper;
using FunctionsLocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using StripeEmulator;
using BillingServices = app::BillingFunctions.App.BillingServices;

namespace Benchmarks.Imports;

/// <summary>
/// A CSV import of invoices as the CRM makes it: POST the file (checked whole, stored, queued), then the queued run
/// (run-csv-import on the local function host) writes each invoice as a draft with its lines, index, summary and audit
/// rows, polled until done. Printed per file size: rows/s and what the process's memory did meanwhile. Baselines in the
/// same run: the same import at a tenth of the rows (memory that does not grow with the file says the import streams),
/// and CsvHelper alone parsing the large file from memory (the ceiling for reading rows). The customers are imported
/// first, a few dozen, as the invoices need them (each is created in the Stripe emulator).
/// Options: --rows N (default 10000), --baseline-rows N (default 1000), --customers N (default 50), --pad N (pad every
/// other line's description to N characters, at most 500: a file of megabytes, whose size would show in memory if it
/// were held whole), --live (sample the heap after full collections: its peak is then the memory reachable, see
/// <see cref="MemoryWatch"/>; the collections slow the run, so rows/s come from a run without it).
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows", 10_000);
        var baselineRows = Option(args, "--baseline-rows", 1_000);
        var customers = Option(args, "--customers", 50);
        var pad = Option(args, "--pad", 0);
        var live = args.Contains("--live");
        var connection = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } value ? value
            : throw new InvalidOperationException("AZURITE_CONNECTION_STRING is not set; run through scripts/dev-azurite.sh.");
        var platformKey = Guid.NewGuid().ToString("N");
        await using var emulator = await RunningEmulator.StartAsync(new EmulatorOptions { RateLimitPerSecond = null });
        var names = "imp" + Guid.NewGuid().ToString("N")[..12];
        var app = await LocalFunctionHost.StartAsync(new LocalFunctionHostOptions
        {
            AppAssembly = typeof(BillingServices).Assembly,
            Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Stripe:Mode"] = "emulator", ["Stripe:BaseUrl"] = emulator.BaseUrl.ToString(), ["BILLING_STORAGE"] = connection,
                ["AzureWebJobsStorage"] = connection, ["Platform:ApiKey"] = platformKey, ["Billing:Table"] = names + "billing",
                ["Billing:ApiKeyTable"] = names + "keys",
            }).Build(),
            Functions = FunctionsLocalHost.Discovery.FunctionCatalog.Discover(typeof(BillingServices).Assembly)
                .Where(f => f.TriggerType == "httpTrigger" || f.Name == "run-csv-import").Select(f => f.Name).ToHashSet(),
            HostJsonPath = Path.Combine(CrmBenchmark.RepositoryRoot(), "host.json"),
            ConfigureApp = (worker, settings) => BillingServices.AddBillingFunctions(worker, settings),
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
        });
        try
        {
            using var http = new HttpClient { BaseAddress = app.HttpAddress, Timeout = TimeSpan.FromMinutes(10) };
            var tenant = await CrmBenchmark.ProvisionAsync(http, platformKey, "whsec_" + Guid.NewGuid().ToString("N"));
            Console.WriteLine($"Import benchmark: {rows:N0} invoice rows (two an invoice), baseline {baselineRows:N0}, {customers} customers, " +
                $"descriptions padded to {pad}, heap sampled {(live ? "live, after full collections" : "as it is")}; " +
                $"{Environment.ProcessorCount} cores, load average {LoadAverage()}");

            var customerRun = await ImportAsync(http, tenant, "customers", ImportFiles.Customers(customers), live);
            Print($"customers ({customers})", customers, customerRun);
            var large = ImportFiles.Invoices("L", rows, customers, pad);
            Print($"CsvHelper alone, {rows:N0} rows from memory", rows, await ParseAsync(large, live));
            Print($"import of {baselineRows:N0} rows", baselineRows, await ImportAsync(http, tenant, "invoices",
                ImportFiles.Invoices("S", baselineRows, customers, pad), live));
            Print($"import of {rows:N0} rows", rows, await ImportAsync(http, tenant, "invoices", large, live));
            Print($"the same {rows:N0} rows again (all duplicates)", rows, await ImportAsync(http, tenant, "invoices", large, live));
            Console.WriteLine($"load average at the end {LoadAverage()}");
            return 0;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private sealed record Run(double AcceptSeconds, double TotalSeconds, long FileBytes, string Outcome, MemoryWatch.Figures Memory);

    /// <summary>POST the file as the CRM would, then poll the import until it is done; memory watched from the POST to the end.</summary>
    private static async Task<Run> ImportAsync(HttpClient http, CrmBenchmark.BenchTenant tenant, string kind, byte[] file, bool live)
    {
        var watch = MemoryWatch.Start(live);
        var started = Stopwatch.GetTimestamp();
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/imports/{kind}") { Content = new ByteArrayContent(file) };
        post.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        CrmBenchmark.Authorize(post, tenant, "admin");
        using var accepted = await http.SendAsync(post);
        var body = await accepted.Content.ReadAsStringAsync();
        if (accepted.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"{(int)accepted.StatusCode}: {body}");
        var acceptSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var id = JsonNode.Parse(body)!["id"]!.GetValue<string>();
        JsonNode status;
        do
        {
            await Task.Delay(100);
            using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/imports/{id}");
            CrmBenchmark.Authorize(get, tenant, "admin");
            using var response = await http.SendAsync(get);
            status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }
        while (status["state"]!.GetValue<string>() != "done");
        var total = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var memory = await watch.StopAsync();
        await watch.DisposeAsync();
        return new(acceptSeconds, total, file.Length, $"{status["rowsRead"]} rows read, {status["created"]} created, " +
            $"{status["skippedDuplicates"]} duplicates, {status["failed"]} failed", memory);
    }

    /// <summary>The ceiling for reading: CsvHelper over the file in memory, every field of every row read as a string.</summary>
    private static async Task<Run> ParseAsync(byte[] file, bool live)
    {
        var watch = MemoryWatch.Start(live);
        var started = Stopwatch.GetTimestamp();
        using var stream = new MemoryStream(file, writable: false);
        long rows = 0, characters = 0;
        await using (var csv = CsvReader.Create(stream, CsvReaderOptions.Default with { Separator = ',' }, leaveOpen: true))
        {
            await csv.ReadHeaderAsync();
            while (await csv.ReadAsync())
            {
                rows++;
                for (var i = 0; i < csv.FieldCount; i++) characters += csv.GetString(i).Length;
            }
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var memory = await watch.StopAsync();
        await watch.DisposeAsync();
        return new(0, seconds, file.Length, $"{rows:N0} rows, {characters:N0} characters", memory);
    }

    private static void Print(string what, int rows, Run run)
    {
        static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
        var m = run.Memory;
        Console.WriteLine($"{what}: {rows / run.TotalSeconds:N0} rows/s ({run.TotalSeconds:0.00} s; accepted after {run.AcceptSeconds:0.00} s); " +
            $"file {Mib(run.FileBytes)}; {run.Outcome}");
        Console.WriteLine($"    memory: allocated {Mib(m.AllocatedBytes)} ({m.AllocatedBytes / Math.Max(1, rows):N0} B/row); managed heap " +
            $"{Mib(m.HeapBeforeBytes)} before, peak {Mib(m.HeapPeakBytes)} (+{Mib(m.HeapPeakBytes - m.HeapBeforeBytes)}); " +
            $"process peak resident set {(m.PeakResidentBytes is { } rss ? Mib(rss) : "unknown")}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
