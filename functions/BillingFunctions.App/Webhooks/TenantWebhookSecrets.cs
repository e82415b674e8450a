using BillingFunctions.App.Hosting;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Webhooks;

/// <summary>
/// Each tenant's active Stripe webhook signing secrets: the tenant's current one and, for its grace period, the one it
/// replaced (see <see cref="Tenancy.TenantDirectory.ReplaceStripeSecretsAsync"/>), plus any in
/// configuration, <c>Tenants:{tenant}:WebhookSecrets</c> as a list (<c>Tenants__acme__WebhookSecrets__0=whsec_...</c>)
/// or as one comma-separated value. Two secrets are active while Stripe rolls an endpoint's secret.
/// </summary>
public class TenantWebhookSecrets(IConfiguration configuration, StorageAccounts storage, IServiceProvider services, TimeProvider time)
{
    public virtual async Task<IReadOnlyList<string>> ForAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var configured = For(tenant);
        // Resolved here, not injected: without storage settings the app still starts, and the directory needs them.
        // Configured means a connection string or, in Azure, the identity settings (BILLING_STORAGE__accountName...).
        if (!storage.IsConfigured()) return configured;
        var provisioned = await services.GetRequiredService<Tenancy.TenantDirectory>().GetAsync(tenant, cancellationToken);
        var stored = provisioned?.WebhookSecretsAt(time.GetUtcNow()) ?? [];
        return [.. stored, .. configured.Where(s => !stored.Contains(s))];
    }

    public virtual IReadOnlyList<string> For(TenantId tenant) => Configured(configuration, tenant.Value);

    /// <summary>The secrets in configuration for <paramref name="tenant"/>; also read at startup (<see cref="SecretSettings"/>).</summary>
    public static IReadOnlyList<string> Configured(IConfiguration configuration, string tenant)
    {
        var section = configuration.GetSection(AppSettings.WebhookSecretsOf(tenant));
        var listed = section.GetChildren().Select(c => SecretSettings.Resolved(c.Path, c.Value)).OfType<string>();
        var single = SecretSettings.Resolved(section.Path, section.Value)?.Split(',') ?? [];
        return single.Concat(listed).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToArray();
    }
}
