using BillingFunctions.Adapters.Stripe;

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
        var mode = (configuration["Stripe:Mode"] ?? EmulatorMode).Trim().ToLowerInvariant();
        if (mode is not (EmulatorMode or LiveMode))
            throw new InvalidOperationException($"Stripe:Mode must be '{EmulatorMode}' or '{LiveMode}', not '{mode}'.");
        var baseUrl = configuration["Stripe:BaseUrl"] is { Length: > 0 } url ? new Uri(url)
            : mode == LiveMode ? new Uri("https://api.stripe.com") : null;
        return new StripeSettings(mode, baseUrl, configuration["Stripe:ApiKey"] is { Length: > 0 } key ? key : null);
    }

    public bool IsConfigured => BaseUrl is not null && ApiKey is not null;

    public StripeClientOptions ClientOptions(TimeProvider time, int maxRetries = 2) => new()
    {
        BaseUrl = BaseUrl ?? throw new InvalidOperationException("Stripe:BaseUrl is not set (needed in emulator mode)."),
        ApiKey = ApiKey ?? throw new InvalidOperationException("Stripe:ApiKey is not set."),
        MaxRetries = maxRetries,
        TimeProvider = time,
    };
}
