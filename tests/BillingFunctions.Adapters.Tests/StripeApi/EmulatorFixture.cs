using System.Net.Http.Json;
using System.Text.Json;
using BillingFunctions.Adapters.StripeApi;
using StripeEmulator;

namespace BillingFunctions.Adapters.Tests.StripeApi;

/// <summary>The Stripe emulator hosted in-process on a free loopback port, plus its control endpoints.</summary>
public class EmulatorFixture : IAsyncLifetime
{
    private RunningEmulator? _emulator;
    private HttpClient? _control;
    private StripeAccount? _stripe;

    protected virtual EmulatorOptions Options => new();

    public Uri BaseUrl => _emulator?.BaseUrl ?? throw new InvalidOperationException("The emulator is not running");

    /// <summary>
    /// One client for the whole test class, as the app keeps one: its handler paces each account, so a fresh client
    /// per test would let bursts through.
    /// </summary>
    public StripeAccount Stripe => _stripe ?? throw new InvalidOperationException("The emulator is not running");

    /// <summary>The client behind <see cref="Stripe"/>, for other keys and Connect accounts on the same pacing.</summary>
    public global::Stripe.StripeClient SharedClient { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync(Options);
        _control = new HttpClient { BaseAddress = _emulator.BaseUrl };
        SharedClient = StripeConnection.Create(new StripeConnectionOptions
        {
            ApiBase = BaseUrl, RequestTimeout = TimeSpan.FromSeconds(10), RequestsPerSecondPerAccount = 15,
        });
        _stripe = new StripeAccount(SharedClient, "sk_test_adapters");
    }

    public async Task DisposeAsync()
    {
        _control?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    /// <summary>
    /// An account on a client of its own for the emulator, built as the app builds its one client; paced under the
    /// emulator's test-mode limit of 25 requests per second (with room for the odd extra client a test makes).
    /// </summary>
    public StripeAccount Client(HttpMessageHandler? handler = null, int maxRetries = 2, double? rateLimitPerSecond = 15,
        string? account = null, string apiKey = "sk_test_adapters", TimeSpan? timeout = null) =>
        new(StripeConnection.Create(new StripeConnectionOptions
        {
            ApiBase = BaseUrl,
            MaxNetworkRetries = maxRetries,
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
            RequestsPerSecondPerAccount = rateLimitPerSecond,
        }, handler), apiKey, account);

    /// <summary>Makes the next <paramref name="count"/> requests under <paramref name="pathPrefix"/> answer <paramref name="status"/>.</summary>
    public async Task InjectFaultAsync(int status, int count, string pathPrefix)
    {
        using var response = await _control!.PostAsJsonAsync("/_emulator/faults",
            new { status, count, path_prefix = pathPrefix });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every charge the emulator made for an invoice (succeeded or failed), from its control endpoint.</summary>
    public async Task<IReadOnlyList<JsonElement>> ChargesForInvoiceAsync(string invoiceId)
    {
        var json = await _control!.GetFromJsonAsync<JsonElement>($"/_emulator/charges?invoice={Uri.EscapeDataString(invoiceId)}");
        return [.. json.GetProperty("data").EnumerateArray()];
    }

    /// <summary>The emulator's request log, oldest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> RequestLogAsync()
    {
        var json = await _control!.GetFromJsonAsync<JsonElement>("/_emulator/requests");
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
