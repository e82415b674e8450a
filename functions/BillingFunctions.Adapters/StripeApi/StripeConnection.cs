using Stripe;

namespace BillingFunctions.Adapters.StripeApi;

/// <summary>How the app reaches Stripe: where, how often a failed request is tried again, and how hard each account is pushed.</summary>
public sealed record StripeConnectionOptions
{
    /// <summary>The emulator's root; null for Stripe itself (Stripe.net's default bases).</summary>
    public Uri? ApiBase { get; init; }

    /// <summary>Retries of a request that got no answer, a 409, a 5xx, or <c>Stripe-Should-Retry: true</c>. Default 2, as Stripe.net's.</summary>
    public int MaxNetworkRetries { get; init; } = SystemNetHttpClient.DefaultMaxNumberRetries;

    /// <summary>Time allowed for one attempt; a timeout counts as no answer and is retried. Default 80 s, as Stripe.net's.</summary>
    public TimeSpan RequestTimeout { get; init; } = SystemNetHttpClient.DefaultHttpTimeout;

    /// <summary>
    /// Requests per second each account gets with a test key (<c>sk_test_</c>, <c>rk_test_</c>), evenly spaced. Default 25,
    /// Stripe's test-mode limit. Null turns the pacing off for both modes.
    /// </summary>
    public double? RequestsPerSecondPerAccount { get; init; } = 25;

    /// <summary>
    /// Requests per second each account gets with a live key (<c>sk_live_</c>, <c>rk_live_</c>). Default 90: Stripe's
    /// live-mode limit is 100, and the rest is left for the account's other users (the dashboard, other integrations).
    /// </summary>
    public double LiveRequestsPerSecondPerAccount { get; init; } = 90;
}

/// <summary>Builds the app's one <see cref="StripeClient"/>: Stripe.net's retries over an HTTP pipeline that paces each account.</summary>
public static class StripeConnection
{
    /// <param name="options">Where and how.</param>
    /// <param name="transport">The innermost handler (tests put a fault-injecting one here); a new socket handler when null.</param>
    public static StripeClient Create(StripeConnectionOptions options, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = transport ?? new SocketsHttpHandler();
        if (options.RequestsPerSecondPerAccount is { } testMode)
        {
            handler = new AccountRateLimitHandler(testMode, options.LiveRequestsPerSecondPerAccount) { InnerHandler = handler };
        }
        var http = new HttpClient(handler) { Timeout = options.RequestTimeout };
        var apiBase = options.ApiBase?.ToString().TrimEnd('/');
        return new StripeClient(new StripeClientOptions
        {
            HttpClient = new AnsweredOrStripeException(new SystemNetHttpClient(http, options.MaxNetworkRetries)),
            ApiBase = apiBase,
            ConnectBase = apiBase,
            FilesBase = apiBase,
        });
    }
}
