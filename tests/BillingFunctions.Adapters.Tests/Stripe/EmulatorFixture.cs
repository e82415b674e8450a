using System.Net.Http.Json;
using System.Text.Json;
using BillingFunctions.Adapters.Stripe;
using StripeEmulator;

namespace BillingFunctions.Adapters.Tests.Stripe;

/// <summary>The Stripe emulator hosted in-process on a free loopback port, plus its control endpoints.</summary>
public class EmulatorFixture : IAsyncLifetime
{
    private RunningEmulator? emulator;
    private HttpClient? control;
    private StripeClient? stripe;

    protected virtual EmulatorOptions Options => new();

    public Uri BaseUrl => emulator?.BaseUrl ?? throw new InvalidOperationException("The emulator is not running");

    /// <summary>
    /// One client for the whole test class, as the app keeps one per account: the rate limiter paces per client,
    /// so a fresh client per test would let bursts through.
    /// </summary>
    public StripeClient Stripe => stripe ?? throw new InvalidOperationException("The emulator is not running");

    public async Task InitializeAsync()
    {
        emulator = await RunningEmulator.StartAsync(Options);
        control = new HttpClient { BaseAddress = emulator.BaseUrl };
        stripe = Client();
    }

    public async Task DisposeAsync()
    {
        control?.Dispose();
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }

    /// <summary>
    /// A client for the emulator; fast retries so fault tests do not sleep for seconds, and paced under the
    /// emulator's test-mode limit of 25 requests per second (with room for the odd extra client a test makes).
    /// </summary>
    public StripeClient Client(HttpMessageHandler? handler = null, int maxRetries = 2, double? rateLimitPerSecond = 15,
        string? account = null) =>
        new(new HttpClient(handler ?? new SocketsHttpHandler()), new StripeClientOptions
        {
            ApiKey = "sk_test_adapters",
            BaseUrl = BaseUrl,
            StripeAccount = account,
            MaxRetries = maxRetries,
            InitialRetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
            RequestTimeout = TimeSpan.FromSeconds(10),
            RateLimitPerSecond = rateLimitPerSecond,
        });

    /// <summary>Makes the next <paramref name="count"/> requests under <paramref name="pathPrefix"/> answer <paramref name="status"/>.</summary>
    public async Task InjectFaultAsync(int status, int count, string pathPrefix)
    {
        using var response = await control!.PostAsJsonAsync("/_emulator/faults",
            new { status, count, path_prefix = pathPrefix });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every charge the emulator made for an invoice (succeeded or failed), from its control endpoint.</summary>
    public async Task<IReadOnlyList<JsonElement>> ChargesForInvoiceAsync(string invoiceId)
    {
        var json = await control!.GetFromJsonAsync<JsonElement>($"/_emulator/charges?invoice={Uri.EscapeDataString(invoiceId)}");
        return [.. json.GetProperty("data").EnumerateArray()];
    }

    /// <summary>The emulator's request log, oldest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> RequestLogAsync()
    {
        var json = await control!.GetFromJsonAsync<JsonElement>("/_emulator/requests");
        var items = json.ValueKind == JsonValueKind.Array ? json : json.GetProperty("data");
        return [.. items.EnumerateArray()];
    }
}

/// <summary>An emulator that enforces a low rate limit, for rate-limit tests.</summary>
public sealed class RateLimitedEmulatorFixture : EmulatorFixture
{
    public const int EmulatorLimit = 10;

    protected override EmulatorOptions Options => new() { RateLimitPerSecond = EmulatorLimit };
}
