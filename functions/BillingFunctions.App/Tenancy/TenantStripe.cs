using System.Collections.Concurrent;
using BillingFunctions.Adapters.Stripe;

namespace BillingFunctions.App.Tenancy;

/// <summary>
/// One <see cref="StripeClient"/> per tenant account (its own key, or the platform key acting for its Connect
/// account), kept for the app's lifetime because a client holds that account's rate limiter.
/// </summary>
public class TenantStripe(IConfiguration configuration, ILoggerFactory loggers, TimeProvider time)
{
    public const string BaseUrlSetting = "Stripe:BaseUrl";
    public const string PlatformKeySetting = "Stripe:PlatformSecretKey";

    private static readonly HttpClient Http = new();
    private readonly ConcurrentDictionary<string, StripeClient> _clients = new();

    /// <summary>Whether the platform has a key to act for Connect accounts with.</summary>
    public bool HasPlatformKey => !string.IsNullOrEmpty(configuration[PlatformKeySetting]);

    /// <exception cref="AuthenticationException">
    /// The tenant is on a Connect account and the platform has no key: to the caller, as if Stripe refused the call.
    /// </exception>
    public virtual StripeClient For(Tenant tenant) => _clients.GetOrAdd(tenant.Id.Value, _ => new StripeClient(Http, new StripeClientOptions
    {
        BaseUrl = new Uri(configuration[BaseUrlSetting] ?? "https://api.stripe.com"),
        ApiKey = tenant.StripeSecretKey ?? (HasPlatformKey ? configuration[PlatformKeySetting]! : throw new AuthenticationException(new StripeError
        {
            Type = "invalid_request_error",
            Message = $"Tenant {tenant.Id} uses Connect account {tenant.StripeAccount}, and the platform has no {PlatformKeySetting} to act for it.",
        }, null, null)),
        StripeAccount = tenant.StripeAccount,
        TimeProvider = time,
    }, loggers.CreateLogger<StripeClient>()));
}
