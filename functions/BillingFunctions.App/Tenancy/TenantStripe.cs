using System.Net;
using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Hosting;
using Stripe;

namespace BillingFunctions.App.Tenancy;

/// <summary>
/// The Stripe account a tenant's calls go to: its own key, or the platform key acting for its Connect account. The
/// tenant passed in is read fresh from the directory, so a replaced key is used from the next call on; every account
/// shares the app's one client, which paces each account separately.
/// </summary>
public class TenantStripe(IConfiguration configuration, StripeClient client)
{
    public const string BaseUrlSetting = Hosting.AppSettings.StripeBaseUrl;
    public const string PlatformKeySetting = Hosting.AppSettings.StripePlatformSecretKey;

    /// <summary>Whether the platform has a key to act for Connect accounts with.</summary>
    public bool HasPlatformKey => PlatformKey is not null;

    private string? PlatformKey => configuration.Secret(PlatformKeySetting);

    /// <exception cref="StripeException">
    /// The tenant is on a Connect account and the platform has no key: to the caller, as if Stripe refused the key (401).
    /// </exception>
    public virtual StripeAccount For(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (tenant.StripeSecretKey is { } own) return new StripeAccount(client, own);
        if (!HasPlatformKey)
        {
            var message = $"Tenant {tenant.Id} uses Connect account {tenant.StripeAccount}, and the platform has no {PlatformKeySetting} to act " +
                $"for it.";
            throw new StripeException(HttpStatusCode.Unauthorized, new StripeError { Type = "invalid_request_error", Message = message }, message);
        }
        return new StripeAccount(client, PlatformKey!, tenant.StripeAccount);
    }
}
