using BillingFunctions.Adapters.StripeApi;
using Stripe;

namespace BillingFunctions.App.Hosting;

/// <summary>
/// The platform's Stripe connection: <c>Stripe:Mode</c> <c>emulator</c> (the local emulator at <c>Stripe:BaseUrl</c>)
/// or <c>live</c> (api.stripe.com, or <c>Stripe:BaseUrl</c> if set), with <c>Stripe:ApiKey</c>. Live mode works with
/// test keys (sk_test_...) as well as live ones.
/// </summary>
public sealed record StripeSettings(string Mode, Uri? BaseUrl, string? ApiKey)
{
    public const string EmulatorMode = "emulator";
    public const string LiveMode = "live";

    public static StripeSettings From(IConfiguration configuration)
    {
        var mode = ModeOf(configuration);
        var baseUrl = ConfiguredBaseUrl(configuration) ?? (mode == LiveMode ? new Uri("https://api.stripe.com") : null);
        return new StripeSettings(mode, baseUrl, configuration.Secret(AppSettings.StripeApiKey));
    }

    public bool IsConfigured => BaseUrl is not null && ApiKey is not null;

    /// <summary>
    /// The app's Stripe client: Stripe.net's own bases unless <c>Stripe:BaseUrl</c> names another (the emulator), so the
    /// same code runs against real Stripe given a key.
    /// </summary>
    public static StripeClient Client(IConfiguration configuration, int maxNetworkRetries = SystemNetHttpClient.DefaultMaxNumberRetries)
    {
        var baseUrl = ConfiguredBaseUrl(configuration);
        // Emulator mode without a base URL: Stripe.net's default would send the emulator's calls, and test keys, to
        // api.stripe.com. The client is still made, since every service that holds it is built with it and the app runs
        // without Stripe settings (health says not-configured); each request it would send fails instead, naming the setting.
        var transport = baseUrl is null && ModeOf(configuration) == EmulatorMode ? new BaseUrlMissing() : null;
        return StripeConnection.Create(new StripeConnectionOptions { ApiBase = baseUrl, MaxNetworkRetries = maxNetworkRetries }, transport);
    }

    private sealed class BaseUrlMissing : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"{AppSettings.StripeMode} is '{EmulatorMode}' (the default) but {AppSettings.StripeBaseUrl} " +
                $"(app setting Stripe__BaseUrl) is not set: set it to the emulator's URL, or {AppSettings.StripeMode} to '{LiveMode}'.");
    }

    private static string ModeOf(IConfiguration configuration)
    {
        var mode = (configuration[AppSettings.StripeMode] ?? EmulatorMode).Trim().ToLowerInvariant();
        return mode is EmulatorMode or LiveMode
            ? mode : throw new InvalidOperationException($"Stripe:Mode must be '{EmulatorMode}' or '{LiveMode}', not '{mode}'.");
    }

    private static Uri? ConfiguredBaseUrl(IConfiguration configuration) =>
        configuration[AppSettings.StripeBaseUrl]?.Trim() is { Length: > 0 } url ? new Uri(url) : null;

    /// <summary>The platform's own account, through <paramref name="client"/>.</summary>
    public StripeAccount PlatformAccount(StripeClient client) =>
        new(client, ApiKey ?? throw new InvalidOperationException("Stripe:ApiKey is not set."));
}
