extern alias emulator;
using System.Net.Http.Json;
using BillingFunctions.Adapters.StripeApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using EmulatorOptions = emulator::StripeEmulator.EmulatorOptions;
using RunningEmulator = emulator::StripeEmulator.RunningEmulator;

namespace BillingFunctions.App.Tests.Testing;

/// <summary>
/// Azurite, the Stripe emulator and the app on real loopback ports, wired as scripts/run.sh wires them: the app
/// runs its local trigger runner, and the emulator delivers signed webhooks to the tenants it is pointed at.
/// </summary>
internal sealed class LiveStack : IAsyncDisposable
{
    private readonly string _directory;

    private LiveStack(string directory, RunningEmulator emulator, WebApplication app)
    {
        _directory = directory;
        Emulator = emulator;
        App = app;
        AppUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public RunningEmulator Emulator { get; }
    public WebApplication App { get; }
    public Uri AppUrl { get; }
    public HttpClient Http { get; } = new();

    /// <summary>Starts both; <paramref name="settings"/> are extra app settings as command-line arguments (<c>--Key=value</c>).</summary>
    public static async Task<LiveStack> StartAsync(params string[] settings)
    {
        var directory = Directory.CreateTempSubdirectory("live-stack-").FullName;
        var emulator = await RunningEmulator.StartAsync(new EmulatorOptions { WebhookRetryDelay = TimeSpan.FromMilliseconds(200),
            RateLimitPerSecond = null });
        var app = BillingApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--BILLING_STORAGE={Azurite.ConnectionString}",
            "--Stripe:Mode=emulator",
            $"--Stripe:BaseUrl={emulator.BaseUrl}",
            "--LocalTriggers:Enabled=true",
            $"--LocalTriggers:HostJsonPath={TestApp.WriteHostJson(directory)}",
            .. settings,
        ]);
        await app.StartAsync();
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
        await App.StopAsync();
        await App.DisposeAsync();
        await Emulator.DisposeAsync();
        Http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
