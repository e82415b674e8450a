using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tenancy.Secrets;

/// <summary>Which of a tenant's Stripe credentials a secret is.</summary>
public enum TenantSecretKind
{
    StripeSecretKey,
    WebhookSecret,
}

/// <summary>
/// Keeps tenants' Stripe credentials out of table rows. <see cref="PutAsync"/> stores a value and answers the
/// reference that goes in the row instead; the reference keeps resolving to that value after later puts, which is
/// what rotation needs (the previous webhook secret stays valid while its row still names it).
/// </summary>
public abstract class TenantSecretStore
{
    public abstract Task<string> PutAsync(TenantId tenant, TenantSecretKind kind, string value, CancellationToken cancellationToken);

    public abstract Task<string> GetAsync(TenantId tenant, TenantSecretKind kind, string reference, CancellationToken cancellationToken);
}
