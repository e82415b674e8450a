namespace StripeEmulator.Tests.Support;

/// <summary>One in-process emulator per test (they start in milliseconds) and a client for it.</summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    private RunningEmulator? _emulator;
    private EmulatorClient? _client;

    protected RunningEmulator Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    protected EmulatorClient Stripe => _client ?? throw new InvalidOperationException("Not started.");

    protected virtual EmulatorOptions Options => new() { RateLimitPerSecond = null };

    public virtual async Task InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync(Options);
        _client = new EmulatorClient(_emulator.BaseUrl);
    }

    public virtual async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_emulator is not null) await _emulator.DisposeAsync();
    }
}
