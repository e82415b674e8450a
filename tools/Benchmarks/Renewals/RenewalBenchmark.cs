extern alias app;

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.Domain.Renewals;
using Microsoft.Extensions.Logging.Abstractions;
using StripeEmulator;
using app::BillingFunctions.App.Hosting;
using app::BillingFunctions.App.Catalog;
using app::BillingFunctions.App.Customers;
using app::BillingFunctions.App.Invoices;
using app::BillingFunctions.App.Processes;
using app::BillingFunctions.App.Tenancy.Secrets;
using app::BillingFunctions.App.Subscriptions;
using app::BillingFunctions.App.Tenancy;

namespace Benchmarks.Renewals;

/// <summary>
/// Renews N monthly subscriptions through the durable-process runtime (Azurite table and queue) against the
/// in-process emulator held to Stripe's live-mode limit of 100 requests/s. A renewal costs four Stripe requests
/// (create invoice, one line, finalize, pay), so the limit allows 25 renewals/s; the benchmark prints the rate
/// reached as a fraction of that, and the number of duplicate invoices (subscription and period billed twice).
/// Options: --subscriptions N (default 10000), --customers N (default N/100), --workers N (default 4),
/// --parallelism N per worker (default 16).
/// </summary>
internal static class RenewalBenchmark
{
    private const int LiveModeLimit = 100;
    private const int RequestsPerRenewal = 4;
    private static readonly DateTimeOffset PeriodStart = new(2026, 1, 31, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var storage = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING");
        if (string.IsNullOrEmpty(storage))
        {
            Console.Error.WriteLine("AZURITE_CONNECTION_STRING is not set; run: scripts/dev-azurite.sh dotnet run -c Release --project " +
                "tools/Benchmarks -- renewals");
            return 2;
        }
        var subscriptions = Option(args, "--subscriptions", 10_000);
        var customers = Option(args, "--customers", Math.Max(1, subscriptions / 100));
        var workers = Option(args, "--workers", 4);
        var parallelism = Option(args, "--parallelism", 16);

        await using var emulator = await RunningEmulator.StartAsync(new EmulatorOptions { RateLimitPerSecond = null });
        using var control = new HttpClient { BaseAddress = emulator.BaseUrl };
        var clock = new FrozenClock(PeriodStart.AddHours(1));
        var counting = new CountingHandler();
        // Paced a little under the limit: the emulator, like Stripe, counts arrivals in a sliding second, and
        // network jitter bunches evenly sent requests; at exactly 100/s a few get 429 and wait out a backoff.
        var client = StripeConnection.Create(new StripeConnectionOptions
        {
            ApiBase = emulator.BaseUrl, RequestsPerSecondPerAccount = LiveModeLimit * 0.95, MaxNetworkRetries = 8,
        }, counting);
        var stripe = new StripeAccount(client, "sk_test_benchmark");
        var table = new TableClient(storage, "bench" + Guid.NewGuid().ToString("N"));
        var queue = new QueueClient(storage, "bench-" + Guid.NewGuid().ToString("N"), StorageExtensions.QueueOptions());
        await table.CreateIfNotExistsAsync();
        await queue.CreateIfNotExistsAsync();
        var tables = BillingTables.Named(storage, table.Name + "billing", table.Name + "keys");
        await tables.CreateIfNotExistsAsync(CancellationToken.None);
        var tenantStripe = new OneStripe(client, stripe);
        var tenants = new TenantDirectory(tables, TenantSecretsServices.LocalStore(new TableClient(storage, "billingkeyring")));
        var claims = new PeriodClaims(tables, new SubscriptionStore(tables, clock), new CatalogStore(tables), new CustomerStore(tables),
            new CustomerStripeSync(tenantStripe), tenants);
        var runtime = new ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect>(new ProcessStore(table), queue,
            new RenewalProcess(claims, tenants, new RenewalInvoices(
                new SystemInvoices(new InvoiceStore(tables, clock, NullLogger<InvoiceStore>.Instance), tenantStripe, clock),
                new SubscriptionStore(tables, clock), new CustomerStore(tables))), clock, NullLogger.Instance);

        Console.WriteLine($"Renewals: {subscriptions} monthly subscriptions of {customers} customers, emulator at {LiveModeLimit} requests/s, " +
            $"{workers} workers x {parallelism} steps at once.");
        var customerIds = await RenewalWorkload.CreateCustomersAsync(stripe, customers);
        var started = Stopwatch.StartNew();
        await RenewalWorkload.StartRenewalsAsync(tables, tenants, new DueRenewals(tables, tenants, runtime, clock), customerIds,
            subscriptions, PeriodStart);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stored {subscriptions} subscriptions and started their renewals (as the timer does) in " +
            $"{started.Elapsed.TotalSeconds:0.0} s (storage only)"));

        (await control.PostAsJsonAsync("/_emulator/rate_limit", new { per_second = LiveModeLimit })).EnsureSuccessStatusCode();
        counting.Reset();
        var elapsed = Stopwatch.StartNew();
        using var progress = new CancellationTokenSource();
        var reporting = ReportProgressAsync(counting, elapsed, progress.Token);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ =>
            WorkAsync(new WakeupPump<RenewalState, RenewalEvent, RenewalEffect>(queue, runtime, NullLogger.Instance), counting,
                subscriptions, parallelism)));
        // Whatever failed past its retries waits for the sweep, as in the app.
        while (await runtime.SweepAsync(TimeSpan.Zero) > 0)
            await new WakeupPump<RenewalState, RenewalEvent, RenewalEffect>(queue, runtime, NullLogger.Instance).DrainAsync(parallelism);
        elapsed.Stop();
        await progress.CancelAsync();
        await reporting;
        var (requests, throttled) = (counting.Requests, counting.Throttled);
        (await control.PostAsJsonAsync("/_emulator/rate_limit", new { per_second = (int?)null })).EnsureSuccessStatusCode();

        var audit = await RenewalWorkload.AuditAsync(stripe, customerIds);
        var rate = audit.Invoices / elapsed.Elapsed.TotalSeconds;
        var allowed = (double)LiveModeLimit / RequestsPerRenewal;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"renewed {audit.Invoices} of {subscriptions} ({audit.Paid} paid) in {elapsed.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"renewals/s {rate:0.00} of {allowed:0.00} the limit allows = {rate / allowed:P1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Stripe requests {requests} ({requests / elapsed.Elapsed.TotalSeconds:0.0}/s of {LiveModeLimit}), answered 429: {throttled}"));
        Console.WriteLine($"duplicate invoices {audit.Duplicates}");
        return audit.Duplicates == 0 && audit.Invoices == subscriptions ? 0 : 1;
    }

    /// <summary>
    /// One app instance's queue trigger: keeps polling (an empty receive is not the end while other workers hold
    /// messages) until every invoice is paid, or nothing moved for a minute and the sweep has to help.
    /// </summary>
    private static async Task WorkAsync(WakeupPump<RenewalState, RenewalEvent, RenewalEffect> pump, CountingHandler counting,
        int subscriptions, int parallelism)
    {
        var (lastPaid, lastProgress) = (-1, Stopwatch.StartNew());
        while (counting.Paid < subscriptions && lastProgress.Elapsed < TimeSpan.FromMinutes(1))
        {
            if (await pump.RunBatchAsync(parallelism) == 0) await Task.Delay(100);
            if (counting.Paid != lastPaid) (lastPaid, lastProgress) = (counting.Paid, Stopwatch.StartNew());
        }
    }

    /// <summary>Every ten seconds: Stripe requests so far and their rate over the last ten seconds.</summary>
    private static async Task ReportProgressAsync(CountingHandler counting, Stopwatch elapsed, CancellationToken cancellationToken)
    {
        var last = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var requests = counting.Requests;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {elapsed.Elapsed.TotalSeconds,5:0} s: {requests} Stripe requests, {(requests - last) / 10.0:0.0}/s, " +
                    $"429: {counting.Throttled}"));
                last = requests;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Every tenant on the one client the benchmark paces and counts.</summary>
    private sealed class OneStripe(Stripe.StripeClient client, StripeAccount stripe)
        : TenantStripe(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), client)
    {
        public override StripeAccount For(Tenant tenant) => stripe;
    }

    /// <summary>The benchmark's "now": an hour into the period, so the next period's renewals wait.</summary>
    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
