extern alias emulator;

using System.Net.Http.Json;
using System.Text.Json;
using EmulatorOptions = emulator::StripeEmulator.EmulatorOptions;
using RunningEmulator = emulator::StripeEmulator.RunningEmulator;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>The Stripe emulator in-process on a free port, without a rate limit so crash loops run quickly.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private RunningEmulator? emulator;
    private HttpClient? control;

    public Uri BaseUrl => emulator?.BaseUrl ?? throw new InvalidOperationException("The emulator is not running");

    public async Task InitializeAsync()
    {
        emulator = await RunningEmulator.StartAsync(new EmulatorOptions { RateLimitPerSecond = null });
        control = new HttpClient { BaseAddress = emulator.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        control?.Dispose();
        if (emulator is not null) await emulator.DisposeAsync();
    }

    /// <summary>Every charge the emulator made for the customer, succeeded or failed.</summary>
    public async Task<IReadOnlyList<JsonElement>> ChargesAsync(string customer)
    {
        var json = await control!.GetFromJsonAsync<JsonElement>($"/_emulator/charges?customer={Uri.EscapeDataString(customer)}");
        return [.. json.GetProperty("data").EnumerateArray()];
    }
}
