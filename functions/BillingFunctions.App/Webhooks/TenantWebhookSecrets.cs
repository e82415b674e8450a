using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Webhooks;

/// <summary>
/// Each tenant's active Stripe webhook signing secrets: the one stored when the tenant was provisioned, plus any in
/// configuration, <c>Tenants:{tenant}:WebhookSecrets</c> as a list (<c>Tenants__acme__WebhookSecrets__0=whsec_...</c>)
/// or as one comma-separated value. Two secrets are active while Stripe rolls an endpoint's secret.
/// </summary>
public class TenantWebhookSecrets(IConfiguration configuration, IServiceProvider services)
{
    public virtual async Task<IReadOnlyList<string>> ForAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var configured = For(tenant);
        // Resolved here, not injected: without storage settings the app still starts, and the directory needs them.
        if (string.IsNullOrEmpty(configuration[Hosting.AppSettings.StorageConnectionSetting])) return configured;
        var provisioned = await services.GetRequiredService<Tenancy.TenantDirectory>().GetAsync(tenant, cancellationToken);
        return provisioned?.WebhookSecret is { Length: > 0 } secret ? [secret, .. configured.Where(s => s != secret)] : configured;
    }

    public virtual IReadOnlyList<string> For(TenantId tenant)
    {
        var section = configuration.GetSection($"Tenants:{tenant.Value}:WebhookSecrets");
        var listed = section.GetChildren().Select(c => c.Value).OfType<string>();
        var single = section.Value?.Split(',') ?? [];
        return single.Concat(listed).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToArray();
    }
}
