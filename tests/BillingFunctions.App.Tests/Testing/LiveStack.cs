extern alias emulator;
using System.Net.Http.Json;
using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Hosting;
using FunctionsLocalHost;
using Microsoft.Extensions.Configuration;
using EmulatorOptions = emulator::StripeEmulator.EmulatorOptions;
using RunningEmulator = emulator::StripeEmulator.RunningEmulator;

namespace BillingFunctions.App.Tests.Testing;

/// <summary>
/// Azurite, the Stripe emulator and the app on real loopback ports, wired as scripts/run.sh wires them: the local
/// function host runs the app's functions (all of them, or the HTTP ones and those LocalTriggers:Functions lists), and
/// the emulator delivers signed webhooks to the tenants it is pointed at.
/// </summary>
internal sealed class LiveStack : IAsyncDisposable
{
    private readonly string _directory;

    private LiveStack(string directory, RunningEmulator emulator, LocalFunctionHost app)
    {
        _directory = directory;
        Emulator = emulator;
        App = app;
        AppUrl = app.HttpAddress;
    }

    public RunningEmulator Emulator { get; }
    public LocalFunctionHost App { get; }
    public Uri AppUrl { get; }
    public HttpClient Http { get; } = new();

    /// <summary>Starts both; <paramref name="settings"/> are extra app settings as command-line arguments (<c>--Key=value</c>).</summary>
    public static async Task<LiveStack> StartAsync(params string[] settings)
    {
        var directory = Directory.CreateTempSubdirectory("live-stack-").FullName;
        var emulator = await RunningEmulator.StartAsync(new EmulatorOptions { WebhookRetryDelay = TimeSpan.FromMilliseconds(200),
            RateLimitPerSecond = null });
        var values = new Dictionary<string, string?>
        {
            [AppSettings.StorageConnectionSetting] = Azurite.ConnectionString,
            ["Stripe:Mode"] = "emulator",
            ["Stripe:BaseUrl"] = emulator.BaseUrl.ToString(),
        };
        foreach (var setting in settings)
        {
            var (key, value) = (setting.TrimStart('-').Split('=', 2)[0], setting.Split('=', 2)[1]);
            values[key] = value;
        }
        var listed = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("LocalTriggers:Functions").Get<string[]>();
        var app = await TestApp.StartAsync(values, listed is { Length: > 0 } ? TestApp.AlwaysRunning.Union(listed).ToHashSet() : null,
            TestApp.WriteHostJson(directory));
        return new LiveStack(directory, emulator, app);
    }

    /// <summary>Like <c>stripe listen --forward-to</c>: the emulator signs every event with the tenant's secret.</summary>
    public async Task ForwardWebhooksAsync(string tenant, string secret)
    {
        using var target = await Http.PostAsJsonAsync(new Uri(Emulator.BaseUrl, "_emulator/webhooks"),
            new { url = new Uri(AppUrl, $"/api/webhooks/stripe/{tenant}"), secret });
        target.EnsureSuccessStatusCode();
    }

    public async Task RedeliverAsync(string eventId)
    {
        using var redeliver = await Http.PostAsync(new Uri(Emulator.BaseUrl, $"_emulator/events/{eventId}/redeliver"), null);
        redeliver.EnsureSuccessStatusCode();
    }

    public StripeAccount Stripe(string apiKey) => TestStripe.Account(Emulator.BaseUrl, apiKey);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Emulator.DisposeAsync();
        Http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
