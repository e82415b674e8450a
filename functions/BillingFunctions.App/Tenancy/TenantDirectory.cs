using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Tenancy.Secrets;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tenancy;

/// <summary>
/// The platform's list of tenants: one row per tenant in the platform partition. The row holds references to the
/// tenant's Stripe credentials, never the credentials (<see cref="TenantSecretStore"/>).
/// </summary>
public class TenantDirectory(BillingTables tables, TenantSecretStore secrets)
{
    private const string StripeSecretKeyRef = "StripeSecretKeyRef";
    private const string WebhookSecretRef = "WebhookSecretRef";
    private const string RetiringWebhookSecretRef = "RetiringWebhookSecretRef";
    private const string RetiringWebhookSecretUntil = "RetiringWebhookSecretUntil";

    private static string RowKey(TenantId id) => "ten|" + id.Value;

    public virtual async Task AddAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        // Secrets first: a row never names a secret that is not stored. A failed add leaves at most an unreferenced secret.
        var row = new TableEntity(BillingTables.PlatformPartition, RowKey(tenant.Id))
        {
            ["Name"] = tenant.Name, ["Currency"] = tenant.Currency.Code, ["TimeZone"] = tenant.TimeZone,
            ["StripeAccount"] = tenant.StripeAccount, ["CreatedAt"] = tenant.CreatedAt,
            [StripeSecretKeyRef] = await PutAsync(tenant.Id, TenantSecretKind.StripeSecretKey, tenant.StripeSecretKey, cancellationToken),
            [WebhookSecretRef] = await PutAsync(tenant.Id, TenantSecretKind.WebhookSecret, tenant.WebhookSecret, cancellationToken),
        };
        await tables.Billing.AddEntityAsync(row, cancellationToken);
    }

    public virtual async Task<Tenant?> GetAsync(TenantId id, CancellationToken cancellationToken)
    {
        var row = await tables.Billing.GetEntityOrNullAsync(BillingTables.PlatformPartition, RowKey(id), cancellationToken: cancellationToken);
        return row is null ? null : await ReadAsync(row, cancellationToken);
    }

    public virtual async IAsyncEnumerable<Tenant> ListAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = StorageExtensions.PrefixFilter(BillingTables.PlatformPartition, "ten|");
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            yield return await ReadAsync(row, cancellationToken);
    }

    /// <summary>
    /// Replaces the tenant's Stripe secret key and/or webhook signing secret (null: keep it). The replaced webhook
    /// secret keeps verifying until <paramref name="retireAt"/>, when a previous one still in its grace is dropped.
    /// Giving the current value again changes nothing, so a repeated request does not cut a grace short.
    /// </summary>
    /// <returns>The tenant as it is now, or null when there is no such tenant.</returns>
    public virtual async Task<Tenant?> ReplaceStripeSecretsAsync(TenantId id, string? stripeSecretKey, string? webhookSecret, DateTimeOffset retireAt,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await tables.Billing.GetEntityOrNullAsync(BillingTables.PlatformPartition, RowKey(id), cancellationToken: cancellationToken);
            if (row is null) return null;
            var current = await ReadAsync(row, cancellationToken);
            if (stripeSecretKey is not null && stripeSecretKey != current.StripeSecretKey)
                row[StripeSecretKeyRef] = await PutAsync(id, TenantSecretKind.StripeSecretKey, stripeSecretKey, cancellationToken);
            if (webhookSecret is not null && webhookSecret != current.WebhookSecret)
            {
                row[RetiringWebhookSecretRef] = row.GetString(WebhookSecretRef);
                row[RetiringWebhookSecretUntil] = row.GetString(WebhookSecretRef) is null ? null : retireAt;
                row[WebhookSecretRef] = await PutAsync(id, TenantSecretKind.WebhookSecret, webhookSecret, cancellationToken);
            }

            try
            {
                // Replace, not merge: a property set to null must disappear.
                await tables.Billing.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return await ReadAsync(row, cancellationToken);
            }
            catch (Azure.RequestFailedException e) when (e.Status == 412)
            {
                // Another replacement came first: apply this one on top of it.
            }
        }
    }

    private async Task<string?> PutAsync(TenantId tenant, TenantSecretKind kind, string? value, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(value) ? null : await secrets.PutAsync(tenant, kind, value, cancellationToken);

    private async Task<string?> ResolveAsync(TenantId tenant, TenantSecretKind kind, string? reference, CancellationToken cancellationToken) =>
        reference is null ? null : await secrets.GetAsync(tenant, kind, reference, cancellationToken);

    private async Task<Tenant> ReadAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var id = new TenantId(row.RowKey["ten|".Length..]);
        var retiring = await ResolveAsync(id, TenantSecretKind.WebhookSecret, row.GetString(RetiringWebhookSecretRef), cancellationToken);
        return new Tenant(id, row.GetString("Name")!, Currency.Parse(row.GetString("Currency")!), row.GetString("TimeZone")!,
            await ResolveAsync(id, TenantSecretKind.StripeSecretKey, row.GetString(StripeSecretKeyRef), cancellationToken),
            row.GetString("StripeAccount"),
            await ResolveAsync(id, TenantSecretKind.WebhookSecret, row.GetString(WebhookSecretRef), cancellationToken),
                row.GetDateTimeOffset("CreatedAt")!.Value)
        {
            RetiringWebhookSecret = retiring is null ? null : new RetiringWebhookSecret(retiring,
                row.GetDateTimeOffset(RetiringWebhookSecretUntil)!.Value),
        };
    }
}
