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

    public virtual StripeClient For(Tenant tenant) => _clients.GetOrAdd(tenant.Id.Value, _ => new StripeClient(Http, new StripeClientOptions
    {
        BaseUrl = new Uri(configuration[BaseUrlSetting] ?? "https://api.stripe.com"),
        ApiKey = tenant.StripeSecretKey ?? configuration[PlatformKeySetting]
            ?? throw new InvalidOperationException($"Tenant {tenant.Id} uses a Connect account; set {PlatformKeySetting}."),
        StripeAccount = tenant.StripeAccount,
        TimeProvider = time,
    }, loggers.CreateLogger<StripeClient>()));
}
