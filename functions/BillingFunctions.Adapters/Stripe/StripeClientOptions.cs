namespace BillingFunctions.Adapters.Stripe;

/// <summary>Settings of one <see cref="StripeClient"/>: one account, its key, and how hard to push it.</summary>
public sealed class StripeClientOptions
{
    /// <summary>The API version every request pins, the version of the schemas we check against.</summary>
    public const string ApiVersion = "2023-08-16";

    /// <summary>Stripe's API root, or the emulator's. Default <c>https://api.stripe.com</c>.</summary>
    public Uri BaseUrl { get; init; } = new("https://api.stripe.com");

    /// <summary>The secret API key (<c>sk_test_...</c> / <c>sk_live_...</c>, or a restricted key).</summary>
    public required string ApiKey { get; init; }

    /// <summary>A Connect account (<c>acct_...</c>) to act on, sent as <c>Stripe-Account</c>; null for the key's own account.</summary>
    public string? StripeAccount { get; init; }

    /// <summary>How many times a failed request is retried (network errors, 409, 429, 5xx). Default 2.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Wait before the first retry; doubles with each retry. Default 500 ms.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between retries. Default 5 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for one attempt before it counts as a network failure. Default 80 s, as Stripe's libraries.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(80);

    /// <summary>
    /// Requests per second this client lets through, evenly spaced when calls overlap (a lone call never waits).
    /// Default 25, Stripe's test-mode limit; live mode allows 100. Null turns the limiter off.
    /// </summary>
    public double? RateLimitPerSecond { get; init; } = 25;

    /// <summary>Clock for backoff, timeouts and the rate limiter.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
