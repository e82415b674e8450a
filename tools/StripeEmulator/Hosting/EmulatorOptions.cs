namespace StripeEmulator;

/// <summary>How an in-process or command-line emulator is started.</summary>
public sealed record EmulatorOptions
{
    /// <summary>Kestrel URL to bind; port 0 picks a free port (read it back from <see cref="RunningEmulator.BaseUrl"/>).</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>Endpoints that receive signed webhook deliveries for every event, like <c>stripe listen --forward-to</c>.</summary>
    public IReadOnlyList<WebhookTarget> WebhookTargets { get; init; } = [];

    /// <summary>Requests per second per account before answering 429; Stripe's test-mode limit by default, null for no limit.</summary>
    public int? RateLimitPerSecond { get; init; } = 25;

    /// <summary>Clock for every timestamp the emulator hands out and for webhook signatures.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Delay before the first webhook retry; doubles with every further attempt.</summary>
    public TimeSpan WebhookRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Delivery attempts per event and endpoint, the first one included.</summary>
    public int WebhookMaxAttempts { get; init; } = 6;
}

/// <summary>A webhook endpoint; deliveries are signed with <paramref name="Secret"/> (<c>whsec_...</c>).</summary>
public sealed record WebhookTarget(Uri Url, string Secret);
