extern alias emulator;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.App.Http;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Testing;
using FunctionsLocalHost;
using Microsoft.Extensions.Time.Testing;
using emulator::StripeEmulator;

namespace BillingFunctions.App.Tests.Api;

/// <summary>
/// The app in-process on fresh tables in the Azurite that scripts/test.sh started, talking to an in-process Stripe
/// emulator, with a clock the tests move. One per test class; tests keep apart by provisioning their own tenants.
/// </summary>
public class ApiHost : IAsyncLifetime
{
    public const string PlatformKey = "platform-key-for-tests";
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private LocalFunctionHost? _host;

    /// <summary>The app's clock. Tests set it (AdjustTime, which may go back) or advance it; it moves a millisecond on
    /// every read, so events written one after another keep their order.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 10, 0, 0,
        TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
    public RunningEmulator Stripe { get; private set; } = null!;
    public string TableName { get; } = "t" + Guid.NewGuid().ToString("N");

    /// <summary>This host's own outbox queue, so tests read the emails their app queued and nobody else's.</summary>
    public QueueClient Outbox { get; } = new(AzuriteConnectionString, "outbox-" + Guid.NewGuid().ToString("N"), StorageExtensions.QueueOptions());
    /// <summary>The app's functions run by the local function host, as scripts/run.sh runs them; HTTP functions only.</summary>
    public LocalFunctionHost Host => _host ?? throw new InvalidOperationException("Not started.");
    public IServiceProvider Services => Host.Services;

    public static string AzuriteConnectionString =>
        Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "AZURITE_CONNECTION_STRING is not set. Run these tests through scripts/test.sh or " +
                "scripts/dev-azurite.sh dotnet test tests/BillingFunctions.App.Tests");

    public virtual async Task InitializeAsync()
    {
        Stripe = await RunningEmulator.StartAsync(new EmulatorOptions { RateLimitPerSecond = null });
        _host = await StartInstanceAsync();
        await Services.GetRequiredService<BillingTables>().CreateIfNotExistsAsync(CancellationToken.None);
        await Outbox.CreateIfNotExistsAsync();
    }

    /// <summary>
    /// Starts the app's HTTP functions on the local host with this host's settings and services; the tests fire timers and
    /// queue functions themselves. A second call is another instance of the app on the same storage.
    /// </summary>
    public Task<LocalFunctionHost> StartInstanceAsync() => TestApp.StartAsync(new Dictionary<string, string?>
        {
            [AppSettings.StorageConnectionSetting] = AzuriteConnectionString,
            [StorageAccounts.BillingTableSetting] = TableName,
            [StorageAccounts.ApiKeyTableSetting] = TableName + "keys",
            [PlatformKeyAuthenticationHandler.KeySetting] = PlatformKey,
            [TenantStripe.BaseUrlSetting] = Stripe.BaseUrl.ToString(),
        }, TestApp.AlwaysRunning, hostJson: null, services =>
        {
            services.AddSingleton<TimeProvider>(Clock).AddSingleton(new EmailOutbox(Outbox));
            // A fake clock's timers fire only when a test moves it, so the bootstrap's retry after a failed first
            // attempt would never come: it keeps real time, as it has in the app.
            services.Remove(services.Single(d => d.ImplementationType == typeof(StorageBootstrap)));
            services.AddHostedService(sp => new StorageBootstrap(sp.GetRequiredService<StorageAccounts>(), sp.GetServices<StorageNeed>(),
                TimeProvider.System, sp.GetRequiredService<ILogger<StorageBootstrap>>()));
            ConfigureServices(services);
        });

    /// <summary>For a feature's own host: services to replace after the app's (the last registration wins).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>A client for the app; a host may send the traffic through something in between.</summary>
    public virtual HttpClient NewClient() => new() { BaseAddress = Host.HttpAddress };

    public virtual async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        await Stripe.DisposeAsync();
    }

    public HttpClient Platform()
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Add(PlatformKeyAuthenticationHandler.Header, PlatformKey);
        return client;
    }

    public HttpClient As(string apiKey, string userId)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        client.DefaultRequestHeaders.Add("X-Acting-User", userId);
        return client;
    }

    public async Task<ProvisionedTenant> ProvisionAsync(string name = "Acme", string currency = "eur", string timeZone = "Europe/Berlin")
    {
        using var platform = Platform();
        var response = await platform.PostAsJsonAsync("/api/v1/platform/tenants", new ProvisionTenantRequest(
            name, currency, timeZone, "sk_test_" + Guid.NewGuid().ToString("N"), null, "whsec_" + Guid.NewGuid().ToString("N"), "admin",
            "The Admin"), JsonOptions);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ProvisionedTenant>(JsonOptions))!;
    }
}
