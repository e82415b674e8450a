using System.Collections.Concurrent;
using BillingFunctions.Adapters.Stripe;

namespace BillingFunctions.App.Tenancy;

/// <summary>
/// One <see cref="StripeClient"/> per tenant account (its own key, or the platform key acting for its Connect
/// account), kept for the app's lifetime because a client holds that account's rate limiter; a new one when the
/// tenant's key was replaced, since the tenant passed in is read fresh from the directory.
/// </summary>
public class TenantStripe(IConfiguration configuration, ILoggerFactory loggers, TimeProvider time)
{
    public const string BaseUrlSetting = "Stripe:BaseUrl";
    public const string PlatformKeySetting = "Stripe:PlatformSecretKey";

    private static readonly HttpClient Http = new();
    private readonly ConcurrentDictionary<string, (string Key, StripeClient Client)> _clients = new();

    /// <summary>Whether the platform has a key to act for Connect accounts with.</summary>
    public bool HasPlatformKey => !string.IsNullOrEmpty(configuration[PlatformKeySetting]);

    /// <exception cref="AuthenticationException">
    /// The tenant is on a Connect account and the platform has no key: to the caller, as if Stripe refused the call.
    /// </exception>
    public virtual StripeClient For(Tenant tenant)
    {
        var key = tenant.StripeSecretKey ?? (HasPlatformKey ? configuration[PlatformKeySetting]! : throw new AuthenticationException(new StripeError
        {
            Type = "invalid_request_error",
            Message = $"Tenant {tenant.Id} uses Connect account {tenant.StripeAccount}, and the platform has no {PlatformKeySetting} to act for it.",
        }, null, null));
        return _clients.AddOrUpdate(tenant.Id.Value, _ => (key, Create(tenant, key)),
            (_, cached) => cached.Key == key ? cached : (key, Create(tenant, key))).Client;
    }

    private StripeClient Create(Tenant tenant, string key) => new(Http, new StripeClientOptions
    {
        BaseUrl = new Uri(configuration[BaseUrlSetting] ?? "https://api.stripe.com"),
        ApiKey = key,
        StripeAccount = tenant.StripeAccount,
        TimeProvider = time,
    }, loggers.CreateLogger<StripeClient>());
}
