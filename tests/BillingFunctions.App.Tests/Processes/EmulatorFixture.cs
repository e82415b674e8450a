extern alias emulator;

using System.Net.Http.Json;
using System.Text.Json;
using EmulatorOptions = emulator::StripeEmulator.EmulatorOptions;
using RunningEmulator = emulator::StripeEmulator.RunningEmulator;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>The Stripe emulator in-process on a free port, without a rate limit so crash loops run quickly.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private RunningEmulator? _emulator;
    private HttpClient? _control;

    public Uri BaseUrl => _emulator?.BaseUrl ?? throw new InvalidOperationException("The emulator is not running");

    public async Task InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync(new EmulatorOptions { RateLimitPerSecond = null });
        _control = new HttpClient { BaseAddress = _emulator.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        _control?.Dispose();
        if (_emulator is not null) await _emulator.DisposeAsync();
    }

    /// <summary>Every charge the emulator made for the customer, succeeded or failed.</summary>
    public async Task<IReadOnlyList<JsonElement>> ChargesAsync(string customer)
    {
        var json = await _control!.GetFromJsonAsync<JsonElement>($"/_emulator/charges?customer={Uri.EscapeDataString(customer)}");
        return [.. json.GetProperty("data").EnumerateArray()];
    }
}
