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

    /// <summary>Also holds every answer the test received to Stripe.net's models, so each test widens the model check.</summary>
    public virtual async Task DisposeAsync()
    {
        var problems = _client?.Responses
            .SelectMany(r => ModelCheck.StripeModelCheck.CheckResponse(r.Path, r.Body).Select(p => $"{r.Method} {r.Path} → {p}"))
            .Distinct()
            .ToList() ?? [];
        _client?.Dispose();
        if (_emulator is not null) await _emulator.DisposeAsync();
        Assert.True(problems.Count == 0, $"Answers that differ from Stripe.net's models:\n{string.Join("\n", problems)}");
    }
}
