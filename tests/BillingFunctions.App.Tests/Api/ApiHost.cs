extern alias emulator;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.App.Api;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tenancy;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
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

    private WebApplicationFactory<Program>? _factory;

    /// <summary>The app's clock. Tests set it (AdjustTime, which may go back) or advance it; it moves a millisecond on
    /// every read, so events written one after another keep their order.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 10, 0, 0,
        TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
    public RunningEmulator Stripe { get; private set; } = null!;
    public string TableName { get; } = "t" + Guid.NewGuid().ToString("N");

    /// <summary>This host's own outbox queue, so tests read the emails their app queued and nobody else's.</summary>
    public QueueClient Outbox { get; } = new(AzuriteConnectionString, "outbox-" + Guid.NewGuid().ToString("N"), StorageExtensions.QueueOptions());
    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not started.");
    public IServiceProvider Services => Factory.Services;

    public static string AzuriteConnectionString =>
        Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "AZURITE_CONNECTION_STRING is not set. Run these tests through scripts/test.sh or " +
                "scripts/dev-azurite.sh dotnet test tests/BillingFunctions.App.Tests");

    public virtual async Task InitializeAsync()
    {
        Stripe = await RunningEmulator.StartAsync(new EmulatorOptions { RateLimitPerSecond = null });
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting(AppSettings.LocalTriggersEnabled, "false");
            web.UseSetting(AppSettings.StorageConnectionSetting, AzuriteConnectionString);
            web.UseSetting(StorageAccounts.BillingTableSetting, TableName);
            web.UseSetting(StorageAccounts.ApiKeyTableSetting, TableName + "keys");
            web.UseSetting(PlatformKeyAuthenticationHandler.KeySetting, PlatformKey);
            web.UseSetting(TenantStripe.BaseUrlSetting, Stripe.BaseUrl.ToString());
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock).AddSingleton(new EmailOutbox(Outbox));
                // A fake clock's timers fire only when a test moves it, so the bootstrap's retry after a failed first
                // attempt would never come: it keeps real time, as it has in the app.
                services.Remove(services.Single(d => d.ImplementationType == typeof(StorageBootstrap)));
                services.AddHostedService(sp => new StorageBootstrap(sp.GetRequiredService<StorageAccounts>(), TimeProvider.System,
                    sp.GetRequiredService<ILogger<StorageBootstrap>>()));
                ConfigureServices(services);
            });
        });
        BeforeStart(_factory);
        await Services.GetRequiredService<BillingTables>().CreateIfNotExistsAsync(CancellationToken.None);
        await Outbox.CreateIfNotExistsAsync();
    }

    /// <summary>For a feature's own host: services to replace after the app's (the last registration wins).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>For a host that serves on a real port: the factory before anything starts it.</summary>
    protected virtual void BeforeStart(WebApplicationFactory<Program> factory)
    {
    }

    /// <summary>A client for the app; a host may send the traffic through something in between.</summary>
    protected virtual HttpClient NewClient() => Factory.CreateClient();

    public virtual async Task DisposeAsync()
    {
        _factory?.Dispose();
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
