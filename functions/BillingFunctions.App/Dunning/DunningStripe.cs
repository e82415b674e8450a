using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// The Stripe account a tenant's dunning talks to: the tenant's own (its key or Connect account, as the CRM commands
/// use it) when the tenant is in the directory, else the platform's (tenants known only from webhook settings).
/// </summary>
public sealed class DunningStripe(Func<string, CancellationToken, Task<StripeAccount>> resolve)
{
    public Task<StripeAccount> ForAsync(string tenant, CancellationToken cancellationToken) => resolve(tenant, cancellationToken);

    public static DunningStripe PerTenant(TenantDirectory tenants, TenantStripe stripe, Lazy<StripeAccount> platform) =>
        new(async (tenant, cancellationToken) =>
            await tenants.GetAsync(new TenantId(tenant), cancellationToken).ConfigureAwait(false) is { } known ? stripe.For(known) : platform.Value);

    /// <summary>One account for every tenant (tests that count or crash its calls).</summary>
    public static DunningStripe Single(StripeAccount client) => new((_, _) => Task.FromResult(client));
}
