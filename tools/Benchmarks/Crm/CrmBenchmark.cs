extern alias app;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.Domain.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StripeEmulator;
using BillingServices = app::BillingFunctions.App.BillingServices;
using FunctionsLocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using BillingTables = app::BillingFunctions.App.Hosting.BillingTables;
using ReadCopyRepair = app::BillingFunctions.App.Dashboards.ReadCopyRepair;

namespace Benchmarks.Crm;

/// <summary>
/// The CRM API on a real port against Azurite: raw entity-group-transaction rate, webhook ingest from signed POST to
/// updated projection, and dashboard/list latencies for a tenant with many invoices. Prints figures; asserts nothing.
/// </summary>
internal static class CrmBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var invoices = Option(args, "--invoices", 100_000);
        var events = Option(args, "--events", 1_000);
        var samples = Option(args, "--samples", 200);
        var concurrency = Option(args, "--concurrency", 8);
        var connection = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } value ? value
            : throw new InvalidOperationException("AZURITE_CONNECTION_STRING is not set; run through scripts/dev-azurite.sh.");
        var platformKey = Guid.NewGuid().ToString("N");
        // The ingest applies events that make the app read Stripe; the emulator answers, unthrottled (the app paces itself).
        await using var emulator = await RunningEmulator.StartAsync(new EmulatorOptions { RateLimitPerSecond = null });

        // The app on the local function host: its HTTP functions and the queue function that applies events.
        var app = await LocalFunctionHost.StartAsync(new LocalFunctionHostOptions
        {
            AppAssembly = typeof(BillingServices).Assembly,
            Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Stripe:Mode"] = "emulator", ["Stripe:BaseUrl"] = emulator.BaseUrl.ToString(), ["BILLING_STORAGE"] = connection,
                ["AzureWebJobsStorage"] = connection, ["Platform:ApiKey"] = platformKey,
            }).Build(),
            Functions = HttpAndApplyFunctions(),
            HostJsonPath = Path.Combine(RepositoryRoot(), "host.json"),
            ConfigureApp = (worker, settings) => BillingServices.AddBillingFunctions(worker, settings),
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
        });
        try
        {
            var url = app.HttpAddress;
            using var http = new HttpClient { BaseAddress = url };
            var table = new TableServiceClient(connection).GetTableClient("billing");
            Console.WriteLine($"CRM benchmark: {invoices:N0} invoices, {events:N0} webhook events ({concurrency} at a time), " +
                $"{samples} samples per query");

            var (egtPerSecond, egtLatencies) = await RawTransactionsAsync(table, 300);
            Console.WriteLine($"raw Azurite entity-group transactions (10 inserts each, one at a time): {egtPerSecond:0} tx/s, " +
                $"{Percentiles.Describe(egtLatencies, 50, 99)}");

            var secret = "whsec_" + Guid.NewGuid().ToString("N");
            var reps = Enumerable.Range(0, 20).Select(i => (new UserId($"rep-{i:D2}"), new TeamId($"team-{i % 4}"))).ToList();
            if (events > 0) await IngestAsync(http, emulator.BaseUrl, table, platformKey, secret, reps, events, concurrency);

            if (invoices == 0) return 0;
            var big = await ProvisionAsync(http, platformKey, secret);
            foreach (var (rep, team) in reps) await PutUserAsync(http, big, rep.Value, "rep", team.Value);
            for (var t = 0; t < 4; t++) await PutUserAsync(http, big, $"mgr-{t}", "manager", $"team-{t}");
            await PutUserAsync(http, big, "finance", "finance", null);
            var seeder = new InvoiceSeeder(table, new TenantId(big.Id), Berlin, reps);
            var seeding = Stopwatch.StartNew();
            await seeder.SeedAsync(invoices, DateTimeOffset.UtcNow, "inv_", draftsOnly: false, CancellationToken.None);
            await seeder.WriteSummariesAsync(CancellationToken.None);
            Console.WriteLine($"seeded {invoices:N0} invoices with their index and summary rows in {seeding.Elapsed.TotalSeconds:0} s");
            var backfill = Stopwatch.StartNew();
            var copied = await app.Services.GetRequiredService<ReadCopyRepair>().RunAsync(big.Id, CancellationToken.None);
            Console.WriteLine($"backfill of the read copies (ReadCopyRepair): {copied:N0} copies in {backfill.Elapsed.TotalSeconds:0} s");
            await RawReadsAsync(app.Services.GetRequiredService<BillingTables>(), big.Id, samples);

            await MeasureAsync(http, big, "rep-00", "/api/v1/dashboards/rep", "rep dashboard (quarter vs previous)", samples);
            await MeasureAsync(http, big, "mgr-0", "/api/v1/dashboards/team", "manager team roll-up", samples);
            await MeasureAsync(http, big, "finance", "/api/v1/invoices?label=priority&pageSize=50",
                "label-filtered first page (finance, 50)", samples);
            await MeasureAsync(http, big, "rep-00", "/api/v1/invoices?label=priority&pageSize=50", "label-filtered first page (rep, 50)", samples);
            return 0;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static HashSet<string> HttpAndApplyFunctions() =>
        FunctionsLocalHost.Discovery.FunctionCatalog.Discover(typeof(BillingServices).Assembly)
            .Where(f => f.TriggerType == "httpTrigger" || f.Name == "apply-stripe-event").Select(f => f.Name).ToHashSet();

    /// <summary>
    /// The same ingest twice, each on a tenant of its own: first the events with the invoice's payments embedded (the app
    /// reads nothing from Stripe: the baseline), then the events as Stripe sends them (the app reads each invoice's
    /// payments to find the payment intent).
    /// </summary>
    private static async Task IngestAsync(HttpClient http, Uri emulator, TableClient table, string platformKey, string secret,
        IReadOnlyList<(UserId Rep, TeamId Team)> reps, int events, int concurrency)
    {
        using var control = new HttpClient { BaseAddress = emulator };
        foreach (var (embedPayments, what) in new[] { (true, "events embedding their payments (no Stripe read)"),
            (false, "events as Stripe sends them") })
        {
            var tenant = await ProvisionAsync(http, platformKey, secret);
            var seeder = new InvoiceSeeder(table, new TenantId(tenant.Id), Berlin, reps);
            await seeder.SeedAsync(events, DateTimeOffset.UtcNow, "inv_w", draftsOnly: true, CancellationToken.None);
            var drafts = new List<(string, long)>();
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
                $"PartitionKey eq {tenant.Id} and RowKey ge {"inv|"} and RowKey lt {"inv}"}"), select: ["RowKey", "Total"]))
                drafts.Add((row.RowKey[4..], row.GetInt64("Total") ?? 0));
            var stripe = new PaidStripeInvoices(emulator, tenant.StripeKey, tenant.Id);
            var preparing = Stopwatch.StartNew();
            await stripe.PayAsync(drafts, CancellationToken.None);
            var paidEvents = await stripe.PaidEventsAsync(embedPayments, CancellationToken.None);
            Console.WriteLine($"{paidEvents.Count:N0} invoices created, finalized and paid in the Stripe emulator " +
                $"in {preparing.Elapsed.TotalSeconds:0} s");

            (await control.DeleteAsync("/_emulator/requests")).EnsureSuccessStatusCode();
            var ingest = await new WebhookIngest(http, table, tenant.Id, secret).RunAsync(paidEvents, concurrency, CancellationToken.None);
            var log = JsonNode.Parse(await control.GetStringAsync("/_emulator/requests"))!["data"]!.AsArray();
            Console.WriteLine($"webhook ingest, {what}: {ingest.Events / ingest.Seconds:0.0} events/s from first POST to the last invoice paid in " +
                $"the projection ({ingest.Events} events in {ingest.Seconds:0.0} s); " +
                $"webhook 2xx {Percentiles.Describe(ingest.PostMilliseconds, 50, 99)}; " +
                $"Stripe requests by the app meanwhile: {log.Count}{(log.Count >= 1000 ? " (the emulator's log holds 1,000: at least)" : "")}");
        }
    }

    private static readonly TenantCalendar Berlin = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

    internal sealed record BenchTenant(string Id, string ApiKey, string StripeKey);

    internal static async Task<BenchTenant> ProvisionAsync(HttpClient http, string platformKey, string secret)
    {
        var stripeKey = "sk_test_" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/platform/tenants")
        {
            Content = JsonContent.Create(new { name = "Bench", currency = "eur", timeZone = "Europe/Berlin",
                stripeSecretKey = stripeKey, webhookSecret = secret, adminUserId = "admin" }),
        };
        request.Headers.Add("X-Platform-Key", platformKey);
        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        response.EnsureSuccessStatusCode();
        return new BenchTenant(body["tenantId"]!.GetValue<string>(), body["apiKey"]!.GetValue<string>(), stripeKey);
    }

    private static async Task PutUserAsync(HttpClient http, BenchTenant tenant, string id, string role, string? team)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/users/{id}")
            { Content = JsonContent.Create(new { role, teamId = team }) };
        Authorize(request, tenant, "admin");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private static async Task MeasureAsync(HttpClient http, BenchTenant tenant, string user, string path, string what, int samples)
    {
        var latencies = new List<double>();
        for (var i = -10; i < samples; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            Authorize(request, tenant, user);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            if (i >= 0) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        Console.WriteLine($"{what}: {Percentiles.Describe(latencies, 50, 95)}");
    }

    internal static void Authorize(HttpRequestMessage request, BenchTenant tenant, string user)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey);
        request.Headers.Add("X-Acting-User", user);
    }

    /// <summary>
    /// The storage reads each measured request makes, raw (no app), in the old layout (everything in the tenant's
    /// partition of the billing table, which the seeder still writes) and in the read copies the app reads now: the
    /// same-run baseline for the request figures, and what one point read costs.
    /// </summary>
    private static async Task RawReadsAsync(BillingTables tables, string tenant, int samples)
    {
        var quarter = Berlin.QuarterOf(DateTimeOffset.UtcNow);
        string Range(string prefix) => TableClient.CreateQueryFilter(
            $"PartitionKey eq {tenant} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");
        async Task AllAsync(TableClient table, string filter)
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(filter)) { }
        }
        var shapes = new (string What, Func<Task> Old, Func<Task> New)[]
        {
            ("rep dashboard: 2 summary ranges",
                () => Task.WhenAll(AllAsync(tables.Billing, Range($"sum|{quarter}|rep-00|")),
                    AllAsync(tables.Billing, Range($"sum|{quarter.Previous}|rep-00|"))),
                () => Task.WhenAll(AllAsync(tables.Dashboards, Range($"sum|{quarter}|rep-00|")),
                    AllAsync(tables.Dashboards, Range($"sum|{quarter.Previous}|rep-00|")))),
            ("team roll-up: users + 2 quarter ranges",
                () => Task.WhenAll(AllAsync(tables.Billing, Range("usr|")),
                    AllAsync(tables.Billing, Range($"sum|{quarter}|")), AllAsync(tables.Billing, Range($"sum|{quarter.Previous}|"))),
                () => Task.WhenAll(AllAsync(tables.Dashboards, Range("usr|")),
                    AllAsync(tables.Dashboards, Range($"sum|{quarter}|")), AllAsync(tables.Dashboards, Range($"sum|{quarter.Previous}|")))),
            ("label first page of 50",
                () => tables.Billing.QueryPageAsync(Range("idx|label|priority|"), 50),
                () => tables.InvoiceLabels.QueryPageAsync(Range("priority|") + " and Live eq true", 50)),
            ("point read", () => tables.Billing.GetEntityOrNullAsync(tenant, "usr|rep-00"),
                () => tables.Dashboards.GetEntityOrNullAsync(tenant, "usr|rep-00")),
        };
        foreach (var (what, oldShape, newShape) in shapes)
        {
            var old = new List<double>();
            var now = new List<double>();
            // The old shape scans the big table; fewer samples of it say the same.
            for (var i = 0; i < Math.Min(samples, 50); i++) old.Add(await TimeAsync(oldShape));
            for (var i = 0; i < samples; i++) now.Add(await TimeAsync(newShape));
            Console.WriteLine($"raw reads, {what}: old layout (billing table) {Percentiles.Describe(old, 50, 95)}; " +
                $"read copies {Percentiles.Describe(now, 50, 95)}");
        }
    }

    private static async Task<double> TimeAsync(Func<Task> read)
    {
        var started = Stopwatch.GetTimestamp();
        await read();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<(double PerSecond, List<double> Latencies)> RawTransactionsAsync(TableClient table, int count)
    {
        var partition = "bench-egt-" + Guid.NewGuid().ToString("N");
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var t = 0; t < count; t++)
        {
            var actions = Enumerable.Range(0, 10).Select(i => new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity(partition, $"{t:D5}|{i}") { ["Amount"] = 1_000L * i, ["Status"] = "open" })).ToList();
            var started = Stopwatch.GetTimestamp();
            await table.SubmitTransactionAsync(actions);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return (count / clock.Elapsed.TotalSeconds, latencies);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "BillingFunctions.sln"))) return directory.FullName;
        throw new InvalidOperationException($"No BillingFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
