using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StripeEmulator;

namespace Benchmarks.ColdStart;

/// <summary>
/// Cold start of the Function App on the local function host as built: from starting tools/BillingLocalHost (the
/// Release build, as scripts/run.sh starts it) to its first 200 from GET /api/health, which needs storage (Azurite)
/// and Stripe (the emulator, in-process here) to answer. Several runs, each a new process.
/// Options: --runs N (default 10), --host PATH (default tools/BillingLocalHost/bin/Release/net10.0/BillingLocalHost).
/// </summary>
internal static class ColdStartBenchmark
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args)
    {
        var storage = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING");
        if (string.IsNullOrEmpty(storage))
        {
            Console.Error.WriteLine("AZURITE_CONNECTION_STRING is not set; run: scripts/dev-azurite.sh dotnet run -c Release --project " +
                "tools/Benchmarks -- coldstart");
            return 2;
        }

        var runs = int.Parse(Option(args, "--runs") ?? "10", CultureInfo.InvariantCulture);
        var executable = Option(args, "--host")
            ?? Path.Combine(RepositoryRoot(), "tools", "BillingLocalHost", "bin", "Release", "net10.0", "BillingLocalHost");
        if (!File.Exists(executable))
        {
            Console.Error.WriteLine($"{executable} is missing; build it first (dotnet build -c Release tools/BillingLocalHost).");
            return 1;
        }

        await using var stripe = await RunningEmulator.StartAsync(new EmulatorOptions { RateLimitPerSecond = null });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Console.WriteLine($"Cold start of {executable}: {runs} runs, each a new process, to the first 200 from /api/health.");

        var results = new List<ColdStartRun>();
        for (var run = 0; run <= runs; run++)
        {
            var result = await MeasureOnceAsync(executable, storage, stripe.BaseUrl, http);
            // Run 0 warms the OS file cache after the build; it is shown but not counted.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(run == 0 ? "warm-up" : $"run {run}"),-8} first response {result.FirstResponse.TotalMilliseconds,7:0} ms   first 200 " +
                $"{result.FirstHealthy.TotalMilliseconds,7:0} ms   next request {result.NextRequest.TotalMilliseconds,5:0.0} ms"));
            if (run > 0) results.Add(result);
        }

        Print("first response", results.Select(r => r.FirstResponse));
        Print("first 200", results.Select(r => r.FirstHealthy));
        Print("next request", results.Select(r => r.NextRequest));
        return 0;
    }

    private sealed record ColdStartRun(TimeSpan FirstResponse, TimeSpan FirstHealthy, TimeSpan NextRequest);

    private static async Task<ColdStartRun> MeasureOnceAsync(string executable, string storage, Uri stripe, HttpClient http)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            ArgumentList = { "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["BILLING_STORAGE"] = storage,
                ["AzureWebJobsStorage"] = storage,
                ["Stripe__Mode"] = "emulator",
                ["Stripe__BaseUrl"] = stripe.ToString(),
                ["Stripe__ApiKey"] = "sk_test_coldstart",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var url = $"http://127.0.0.1:{port}/api/health";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            TimeSpan? firstResponse = null;
            while (clock.Elapsed < GiveUpAfter)
            {
                if (process.HasExited) throw new InvalidOperationException($"The app exited with code {process.ExitCode}.");
                var status = await TryGetAsync(http, url);
                if (status is not null) firstResponse ??= clock.Elapsed;
                if (status == HttpStatusCode.OK)
                {
                    var healthy = clock.Elapsed;
                    var next = Stopwatch.StartNew();
                    await TryGetAsync(http, url);
                    return new ColdStartRun(firstResponse!.Value, healthy, next.Elapsed);
                }

                await Task.Delay(5);
            }

            throw new TimeoutException($"No 200 from {url} within {GiveUpAfter.TotalSeconds} s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<HttpStatusCode?> TryGetAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BillingFunctions.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Run from inside the repository.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static void Print(string what, IEnumerable<TimeSpan> values)
    {
        var ms = values.Select(v => v.TotalMilliseconds).Order().ToArray();
        var median = ms.Length % 2 == 1 ? ms[ms.Length / 2] : (ms[ms.Length / 2 - 1] + ms[ms.Length / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-15} min {ms[0],7:0.0} ms   median {median,7:0.0} ms   max {ms[^1],7:0.0} ms   (n={ms.Length})"));
    }
}
