using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Api;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tenancy;

/// <summary>The platform's list of tenants: one row per tenant in the platform partition.</summary>
public class TenantDirectory(BillingTables tables)
{
    private static string RowKey(TenantId id) => "ten|" + id.Value;

    public virtual Task AddAsync(Tenant tenant, CancellationToken cancellationToken) =>
        tables.Billing.AddEntityAsync(new TableEntity(BillingTables.PlatformPartition, RowKey(tenant.Id))
        {
            ["Name"] = tenant.Name, ["Currency"] = tenant.Currency.Code, ["TimeZone"] = tenant.TimeZone,
            ["StripeSecretKey"] = tenant.StripeSecretKey, ["StripeAccount"] = tenant.StripeAccount,
            ["WebhookSecret"] = tenant.WebhookSecret, ["CreatedAt"] = tenant.CreatedAt,
        }, cancellationToken);

    public virtual async Task<Tenant?> GetAsync(TenantId id, CancellationToken cancellationToken)
    {
        var row = await tables.Billing.GetEntityOrNullAsync(BillingTables.PlatformPartition, RowKey(id), cancellationToken: cancellationToken);
        return row is null ? null : Read(row);
    }

    public virtual async IAsyncEnumerable<Tenant> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {BillingTables.PlatformPartition} and RowKey ge {"ten|"} and RowKey lt {"ten}"}");
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) yield return Read(row);
    }

    private static Tenant Read(TableEntity row) => new(
        new TenantId(row.RowKey["ten|".Length..]), row.GetString("Name")!, Currency.Parse(row.GetString("Currency")!),
        row.GetString("TimeZone")!, row.GetString("StripeSecretKey"), row.GetString("StripeAccount"),
        row.GetString("WebhookSecret"), row.GetDateTimeOffset("CreatedAt")!.Value);
}
