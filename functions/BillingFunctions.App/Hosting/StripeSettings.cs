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
        var mode = (configuration[AppSettings.StripeMode] ?? EmulatorMode).Trim().ToLowerInvariant();
        if (mode is not (EmulatorMode or LiveMode))
            throw new InvalidOperationException($"Stripe:Mode must be '{EmulatorMode}' or '{LiveMode}', not '{mode}'.");
        var baseUrl = configuration[AppSettings.StripeBaseUrl] is { Length: > 0 } url ? new Uri(url)
            : mode == LiveMode ? new Uri("https://api.stripe.com") : null;
        return new StripeSettings(mode, baseUrl, configuration[AppSettings.StripeApiKey] is { Length: > 0 } key ? key : null);
    }

    public bool IsConfigured => BaseUrl is not null && ApiKey is not null;

    /// <summary>
    /// The app's Stripe client: Stripe.net's own bases unless <c>Stripe:BaseUrl</c> names another (the emulator), so the
    /// same code runs against real Stripe given a key.
    /// </summary>
    public static StripeClient Client(IConfiguration configuration, int maxNetworkRetries = SystemNetHttpClient.DefaultMaxNumberRetries) =>
        StripeConnection.Create(new StripeConnectionOptions
        {
            ApiBase = configuration[AppSettings.StripeBaseUrl] is { Length: > 0 } url ? new Uri(url) : null,
            MaxNetworkRetries = maxNetworkRetries,
        });

    /// <summary>The platform's own account, through <paramref name="client"/>.</summary>
    public StripeAccount PlatformAccount(StripeClient client) =>
        new(client, ApiKey ?? throw new InvalidOperationException("Stripe:ApiKey is not set."));
}
