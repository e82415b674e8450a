extern alias app;

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Azure.Data.Tables;
using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.Domain.Renewals;
using FunctionsLocalHost;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using StripeEmulator;
using app::BillingFunctions.App;
using app::BillingFunctions.App.Hosting;
using app::BillingFunctions.App.Processes;
using app::BillingFunctions.App.Subscriptions;
using app::BillingFunctions.App.Tenancy;

namespace Benchmarks.Renewals;

/// <summary>
/// Renews N monthly subscriptions as the app does, on its Durable task hub (DurableTask.AzureStorage on Azurite) through
/// the local function host running the orchestrator "renewal" and its activity "renewal-effect", against the in-process
/// emulator held to Stripe's live-mode limit of 100 requests/s. A renewal costs four Stripe requests (create invoice,
/// one line, finalize, pay), so the limit allows 25 renewals/s; the benchmark prints the rate reached as a fraction of
/// that, and the number of duplicate invoices (subscription and period billed twice).
/// Options: --subscriptions N (default 10000), --customers N (default N/100), --partitions N (host.json
/// storageProvider.partitionCount, default 4), --activities N (maxConcurrentActivityFunctions, default 16),
/// --orchestrations N (maxConcurrentOrchestratorFunctions, default 16), --hosts N (app instances on the hub, default 1),
/// --waves N (default 1, at most 28): the subscriptions fall due on N consecutive days, one wave a day, and each wave's
/// completed renewals are purged from the hub before the next one starts (see <see cref="PurgeWaveAsync"/>).
/// </summary>
internal static class RenewalBenchmark
{
    private const int LiveModeLimit = 100;
    private const int RequestsPerRenewal = 4;
    private const double AllowedRenewals = (double)LiveModeLimit / RequestsPerRenewal;
    private static readonly DateTimeOffset PeriodStart = new(2026, 1, 31, 0, 0, 0, TimeSpan.Zero);
    /// <summary>
    /// No invoice paid and no renewal finished for this long: the run is stuck. Longer than an effect's retries (about a
    /// minute) and than the task hub's control-queue visibility timeout (5 minutes), after which a message taken by a
    /// host that lost its partition (hosts share them by leases) is seen again.
    /// </summary>
    private static readonly TimeSpan Stalled = TimeSpan.FromMinutes(6);

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
        var hub = new HubShape(Option(args, "--partitions", 4), Option(args, "--activities", 16), Option(args, "--orchestrations", 16));
        var hostCount = Option(args, "--hosts", 1);
        var waves = Option(args, "--waves", 1);
        if (waves is < 1 or > 28 || waves > subscriptions)
        {
            // Beyond 28 days the first wave's next period would fall due within the run.
            Console.Error.WriteLine("--waves is 1 to 28 and at most --subscriptions");
            return 2;
        }

        await using var emulator = await RunningEmulator.StartAsync(new EmulatorOptions { RateLimitPerSecond = null });
        using var control = new HttpClient { BaseAddress = emulator.BaseUrl };
        var clock = new FrozenClock { Now = PeriodStart.AddHours(1) };
        var counting = new CountingHandler();
        // Paced a little under the limit: the emulator, like Stripe, counts arrivals in a sliding second, and
        // network jitter bunches evenly sent requests; at exactly 100/s a few get 429 and wait out a backoff.
        // One client for every host, so the hosts together stay under the account's limit.
        var client = StripeConnection.Create(new StripeConnectionOptions
        {
            ApiBase = emulator.BaseUrl, RequestsPerSecondPerAccount = LiveModeLimit * 0.95, MaxNetworkRetries = 8,
        }, counting);
        var stripe = new StripeAccount(client, "sk_test_benchmark");
        var names = "bench" + Guid.NewGuid().ToString("N")[..12];
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage, [AppSettings.StorageConnectionSetting] = storage,
            [StorageAccounts.BillingTableSetting] = names + "billing", [StorageAccounts.ApiKeyTableSetting] = names + "keys",
            [AppSettings.StripeMode] = "emulator", [TenantStripe.BaseUrlSetting] = emulator.BaseUrl.ToString(),
        };
        var hubName = "renewals" + Guid.NewGuid().ToString("N")[..16];
        var temp = Directory.CreateTempSubdirectory("renewal-bench");
        var hosts = new List<LocalFunctionHost>();
        var warnings = new WarningCounter();
        try
        {
            Console.WriteLine($"Renewals: {subscriptions} monthly subscriptions of {customers} customers, emulator at {LiveModeLimit} " +
                $"requests/s, {hostCount} host(s) on one task hub: {hub.Partitions} partitions, {hub.Activities} activities and " +
                $"{hub.Orchestrations} orchestrations at once per host; {waves} wave(s).");
            var phase = Stopwatch.StartNew();
            var hostJson = hub.Write(temp.FullName, hubName);
            for (var i = 0; i < hostCount; i++)
            {
                hosts.Add(await StartHostAsync(settings, hostJson, $"bench-{i}-{Guid.NewGuid():N}", clock, new OneStripe(client, stripe),
                    warnings));
            }
            var services = hosts[0].Services;
            var durable = services.GetRequiredService<DurableTaskClient>();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hosts started in {phase.Elapsed.TotalSeconds:0.0} s"));

            var tables = services.GetRequiredService<BillingTables>();
            await tables.CreateIfNotExistsAsync(CancellationToken.None);
            phase.Restart();
            var customerIds = await RenewalWorkload.CreateCustomersAsync(stripe, customers);
            await RenewalWorkload.StoreAsync(tables, services.GetRequiredService<TenantDirectory>(), customerIds, subscriptions, PeriodStart, waves);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"created {customers} Stripe customers and stored {subscriptions} subscriptions in {phase.Elapsed.TotalSeconds:0.0} s"));

            (await control.PostAsJsonAsync("/_emulator/rate_limit", new { per_second = LiveModeLimit })).EnsureSuccessStatusCode();
            counting.Reset();
            // Renewing time: stopped while a wave's renewals are purged, which in Azure is a nightly timer's work.
            var elapsed = Stopwatch.StartNew();
            using var progress = new CancellationTokenSource();
            var reporting = ReportProgressAsync(counting, elapsed, progress.Token);
            var ids = Enumerable.Range(0, subscriptions).Select(i => ProcessInstances.HubId(RenewalWorkload.Tenant, RenewalState.InstanceIdFor(
                RenewalWorkload.SubscriptionOf(i), RenewalWorkload.StartOf(i, subscriptions, waves, PeriodStart)))).ToArray();
            var (started, startedFirst, startedIn, paidWhileStarting) = (0, 0, TimeSpan.Zero, 0);
            var (lastPaidAt, finished) = (TimeSpan.Zero, true);
            var (purged, purging) = (0, TimeSpan.Zero);
            var wave = new HashSet<string>(StringComparer.Ordinal);
            for (var w = 0; w < waves && finished; w++)
            {
                wave = ids.Where((_, i) => RenewalWorkload.WaveOf(i, subscriptions, waves) == w).ToHashSet(StringComparer.Ordinal);
                clock.Now = PeriodStart.AddDays(w).AddHours(1);
                var (waveStart, paidBefore) = (elapsed.Elapsed, counting.Paid);
                // The find-due-renewals timer's work: its query, then one start per due subscription; the hosts renew meanwhile.
                started += await services.GetRequiredService<DueRenewals>().StartDueAsync(durable, RenewalWorkload.Tenant, CancellationToken.None);
                if (w == 0) (startedFirst, startedIn, paidWhileStarting) = (started, elapsed.Elapsed, counting.Paid);
                (lastPaidAt, finished) = await WaitAsync(durable, wave, counting, paidBefore, elapsed);
                if (waves == 1) break;
                var waveTime = (elapsed.Elapsed - waveStart).TotalSeconds;
                var read = await ReadHistoryAsync(storage, hubName, wave.Take(5).ToList());
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"wave {w + 1} of {waves}: {counting.Paid - paidBefore} paid in {waveTime:0.0} s, " +
                    $"{(counting.Paid - paidBefore) / waveTime / AllowedRenewals:P1} of the limit; one renewal's history read in " +
                    $"{read.Elapsed.TotalMilliseconds / 5:0} ms");
                if (finished && w < waves - 1)
                {
                    elapsed.Stop();
                    var purge = await PurgeWaveAsync(durable);
                    (purged, purging) = (purged + purge.Count, purging + purge.Elapsed);
                    line += string.Create(CultureInfo.InvariantCulture, $"; purged {purge.Count} in {purge.Elapsed.TotalSeconds:0.0} s");
                    elapsed.Start();
                }
                Console.WriteLine(line);
            }
            elapsed.Stop();
            await progress.CancelAsync();
            await reporting;
            var (requests, throttled) = (counting.Requests, counting.Throttled);
            (await control.PostAsJsonAsync("/_emulator/rate_limit", new { per_second = (int?)null })).EnsureSuccessStatusCode();

            var audit = await RenewalWorkload.AuditAsync(stripe, customerIds);
            var instances = await CountInstancesAsync(durable, ids.ToHashSet(StringComparer.Ordinal));
            var rate = audit.Invoices / elapsed.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"started {started} renewals; the first wave's {startedFirst} (the find-due-renewals timer's query and starts) in " +
                $"{startedIn.TotalSeconds:0.0} s ({startedFirst / startedIn.TotalSeconds:0.0}/s), " +
                $"{paidWhileStarting} paid meanwhile; last invoice paid at {lastPaidAt.TotalSeconds:0.0} s, " +
                $"{(finished ? "every first-period renewal finished" : "stopped waiting")} at {elapsed.Elapsed.TotalSeconds:0.0} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"renewed {audit.Invoices} of {subscriptions} ({audit.Paid} paid) in {elapsed.Elapsed.TotalSeconds:0.0} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"renewals/s {rate:0.00} of {AllowedRenewals:0.00} the limit allows = {rate / AllowedRenewals:P1}"));
            if (waves > 1)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"purging {purged} completed renewals between waves took {purging.TotalSeconds:0.0} s more, not counted above"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Stripe requests {requests} ({requests / elapsed.Elapsed.TotalSeconds:0.0}/s of {LiveModeLimit}), answered 429: {throttled}"));
            Console.WriteLine($"duplicate invoices {audit.Duplicates}");
            Console.WriteLine($"orchestrations: first period {instances.Describe(instances.First)}, {purged} purged; " +
                $"next period (waiting a month on a durable timer) {instances.Describe(instances.Next)}");
            foreach (var failure in instances.Failures) Console.WriteLine($"  {failure}");
            Console.WriteLine(await DescribeHistoryAsync(storage, hubName, wave.Take(10).ToList()));
            var logged = warnings.Describe();
            Console.WriteLine(logged.Count == 0 ? "warnings and errors logged: none" : "warnings and errors logged:");
            foreach (var line in logged) Console.WriteLine($"  {line}");
            var renewed = audit.Invoices == subscriptions
                && instances.First.GetValueOrDefault(OrchestrationRuntimeStatus.Completed) + purged == subscriptions;
            var failed = instances.First.GetValueOrDefault(OrchestrationRuntimeStatus.Failed)
                + instances.Next.GetValueOrDefault(OrchestrationRuntimeStatus.Failed);
            return renewed && failed == 0 && audit.Duplicates == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync();
            temp.Delete(recursive: true);
        }
    }

    /// <summary>
    /// One instance of the app on the local function host, running the renewal orchestrator and its activity: the app's
    /// registration, then the benchmark's clock and its one paced, counting Stripe client for every tenant.
    /// </summary>
    private static Task<LocalFunctionHost> StartHostAsync(IReadOnlyDictionary<string, string?> settings, string hostJson, string workerId,
        FrozenClock clock, TenantStripe stripe, WarningCounter warnings) =>
        LocalFunctionHost.StartAsync(new LocalFunctionHostOptions
        {
            AppAssembly = typeof(BillingServices).Assembly,
            Functions = new HashSet<string> { "renewal", "renewal-effect" },
            Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            HostJsonPath = hostJson,
            // Different per host: hosts on one hub share its partitions only under different worker ids.
            DurableWorkerId = workerId,
            ConfigureApp = (worker, appSettings) =>
            {
                BillingServices.AddBillingFunctions(worker, appSettings);
                worker.Services.AddSingleton<TimeProvider>(clock);
                worker.Services.AddSingleton(stripe);
            },
            // The task hub's warnings (mostly a message abandoned to be dequeued again) are counted, not printed one by one.
            ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning).AddProvider(warnings)
                .AddFilter<ConsoleLoggerProvider>("DurableTask", LogLevel.Error),
        });

    /// <summary>
    /// Waits until every first-period renewal has finished (completed or failed); their AdvancePeriod has started the
    /// next period's renewal, which stays running on its timer. The task hub is listed only now and then, so the listing
    /// does not slow the run it measures. Gives up
    /// when nothing moved for <see cref="Stalled"/>. Returns when the last invoice was paid and whether all finished.
    /// </summary>
    private static async Task<(TimeSpan LastPaidAt, bool Finished)> WaitAsync(DurableTaskClient durable, IReadOnlySet<string> first,
        CountingHandler counting, int paidBefore, Stopwatch elapsed)
    {
        var (lastPaid, lastPaidAt, lastFinished, moved) = (paidBefore, TimeSpan.Zero, -1, Stopwatch.StartNew());
        for (var polls = 1; ; polls++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var paid = counting.Paid;
            if (paid != lastPaid)
            {
                (lastPaid, lastPaidAt) = (paid, elapsed.Elapsed);
                moved.Restart();
            }
            // Listing the hub's instances is a scan of its instance table in Azurite: every 30 s while invoices are being
            // paid, every 5 s after, when only the last effects (releasing the subscription) are left.
            if (polls % (paid - paidBefore >= first.Count ? 5 : 30) == 0)
            {
                var finished = await CountFinishedAsync(durable, first);
                if (finished >= first.Count) return (lastPaidAt, true);
                if (finished != lastFinished)
                {
                    lastFinished = finished;
                    moved.Restart();
                }
            }
            if (moved.Elapsed >= Stalled) return (lastPaidAt, false);
        }
    }

    private static async Task<int> CountFinishedAsync(DurableTaskClient durable, IReadOnlySet<string> first)
    {
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = ProcessInstances.HubId(RenewalWorkload.Tenant, "renewal:"),
            Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            PageSize = 1000,
        };
        var finished = 0;
        await foreach (var instance in durable.GetAllInstancesAsync(query))
            if (first.Contains(instance.InstanceId)) finished++;
        return finished;
    }

    /// <summary>
    /// Every renewal instance of the tenant by period (the first, or a later one) and status, and a few first-period ones
    /// that failed (with why) or have not finished (with where they are).
    /// </summary>
    private static async Task<InstanceCounts> CountInstancesAsync(DurableTaskClient durable, IReadOnlySet<string> first)
    {
        var counts = new InstanceCounts();
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = ProcessInstances.HubId(RenewalWorkload.Tenant, "renewal:"), PageSize = 1000, FetchInputsAndOutputs = true,
        };
        await foreach (var instance in durable.GetAllInstancesAsync(query))
        {
            var byStatus = first.Contains(instance.InstanceId) ? counts.First : counts.Next;
            byStatus[instance.RuntimeStatus] = byStatus.GetValueOrDefault(instance.RuntimeStatus) + 1;
            if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed && counts.Failures.Count < 5)
                counts.Failures.Add($"failed {instance.InstanceId}: {instance.FailureDetails?.ErrorType} {instance.FailureDetails?.ErrorMessage}");
            else if (byStatus == counts.First && instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed && counts.Failures.Count < 5)
                counts.Failures.Add($"unfinished {instance.InstanceId}: {instance.RuntimeStatus} since {instance.LastUpdatedAt:HH:mm:ss}, " +
                    $"status {instance.SerializedCustomStatus}");
        }
        return counts;
    }

    /// <summary>
    /// Where a renewal's time goes on the task hub: the history rows of a few first-period renewals (each one a storage
    /// write, and read back at every replay), and the activities (effects) among them.
    /// </summary>
    private static async Task<string> DescribeHistoryAsync(string storage, string hubName, IReadOnlyList<string> sample)
    {
        var (rows, activities, _) = await ReadHistoryAsync(storage, hubName, sample);
        return string.Create(CultureInfo.InvariantCulture,
            $"task hub {hubName}: per first-period renewal (sample of {sample.Count}) {(double)rows / sample.Count:0.0} history rows, " +
            $"{(double)activities / sample.Count:0.0} activities");
    }

    /// <summary>
    /// Reads the history of each instance in <paramref name="sample"/>, one after the other, as the task hub does before
    /// each orchestrator episode (one query on the instance's partition of the history table): its rows, its activities
    /// and how long the reads took.
    /// </summary>
    private static async Task<(int Rows, int Activities, TimeSpan Elapsed)> ReadHistoryAsync(string storage, string hubName,
        IReadOnlyList<string> sample)
    {
        var history = new TableClient(storage, hubName + "History");
        var (rows, activities, elapsed) = (0, 0, Stopwatch.StartNew());
        foreach (var id in sample)
        {
            await foreach (var row in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"),
                               select: ["EventType"]))
            {
                rows++;
                if (row.GetString("EventType") == "TaskScheduled") activities++;
            }
        }
        return (rows, activities, elapsed.Elapsed);
    }

    /// <summary>
    /// Removes the completed renewals from the task hub, with their history: the app's purge-finished-processes timer
    /// with no days kept, as if the wave had ended long ago. Failed ones stay, so the run's audit still sees them. The
    /// next period's renewals run on, waiting on their timers.
    /// </summary>
    private static async Task<(int Count, TimeSpan Elapsed)> PurgeWaveAsync(DurableTaskClient durable)
    {
        var elapsed = Stopwatch.StartNew();
        var result = await durable.PurgeAllInstancesAsync(new PurgeInstancesFilter(null, DateTimeOffset.UtcNow,
            [OrchestrationRuntimeStatus.Completed]));
        return (result.PurgedInstanceCount, elapsed.Elapsed);
    }

    /// <summary>Stripe requests so far and their rate over the last ten seconds, and invoices paid, every ten seconds.</summary>
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
                    $"429: {counting.Throttled}, invoices paid: {counting.Paid}"));
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

    /// <summary>The task hub's shape in host.json: control-queue partitions and work items at once per host.</summary>
    private sealed record HubShape(int Partitions, int Activities, int Orchestrations)
    {
        /// <summary>A host.json in <paramref name="directory"/> for a task hub of its own (letters and digits, at most 45).</summary>
        public string Write(string directory, string hubName)
        {
            var path = Path.Combine(directory, "host.json");
            File.WriteAllText(path, $$"""
                {
                  "version": "2.0",
                  "extensions": {
                    "durableTask": {
                      "hubName": "{{hubName}}",
                      "storageProvider": { "partitionCount": {{Partitions}} },
                      "maxConcurrentActivityFunctions": {{Activities}},
                      "maxConcurrentOrchestratorFunctions": {{Orchestrations}}
                    }
                  }
                }
                """);
            return path;
        }
    }

    private sealed class InstanceCounts
    {
        public Dictionary<OrchestrationRuntimeStatus, int> First { get; } = [];
        public Dictionary<OrchestrationRuntimeStatus, int> Next { get; } = [];
        public List<string> Failures { get; } = [];

        public string Describe(Dictionary<OrchestrationRuntimeStatus, int> byStatus) => byStatus.Count == 0 ? "none"
            : string.Join(", ", byStatus.OrderBy(s => s.Key).Select(s => $"{s.Value} {s.Key}"));
    }

    /// <summary>Every tenant on the one client the benchmark paces and counts.</summary>
    private sealed class OneStripe(Stripe.StripeClient client, StripeAccount stripe)
        : TenantStripe(new ConfigurationBuilder().Build(), client)
    {
        public override StripeAccount For(Tenant tenant) => stripe;
    }

    /// <summary>
    /// The benchmark's "now", the app's clock: an hour into the running wave's period, so the next period's renewals wait.
    /// </summary>
    private sealed class FrozenClock : TimeProvider
    {
        private long _ticks;

        public DateTimeOffset Now
        {
            get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
        }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
