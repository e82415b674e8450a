using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Webhooks;

/// <summary>
/// Each tenant's active Stripe webhook signing secrets, from configuration until tenant provisioning stores them:
/// <c>Tenants:{tenant}:WebhookSecrets</c> as a list (<c>Tenants__acme__WebhookSecrets__0=whsec_...</c>) or as
/// one comma-separated value. Two secrets are active while Stripe rolls an endpoint's secret.
/// </summary>
public class TenantWebhookSecrets(IConfiguration configuration)
{
    public virtual IReadOnlyList<string> For(TenantId tenant)
    {
        var section = configuration.GetSection($"Tenants:{tenant.Value}:WebhookSecrets");
        var listed = section.GetChildren().Select(c => c.Value).OfType<string>();
        var single = section.Value?.Split(',') ?? [];
        return single.Concat(listed).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToArray();
    }
}
