using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Audit;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Catalog;

/// <summary>
/// The tenant's products, plans and add-ons, each with an audit row in the same transaction. Plans change only by
/// a new price appended with ETag, so two price changes at once cannot lose one.
/// </summary>
public class CatalogStore(BillingTables tables)
{
    public virtual Task<bool> AddAsync(TenantId tenant, Product product, AuditEntry audit, CancellationToken cancellationToken) =>
        TryWriteAsync(tenant, CatalogRows.Write(tenant, product), default, audit, cancellationToken);

    public virtual Task<bool> AddAsync(TenantId tenant, Plan plan, AuditEntry audit, CancellationToken cancellationToken) =>
        TryWriteAsync(tenant, CatalogRows.Write(tenant, plan), default, audit, cancellationToken);

    public virtual Task<bool> AddAsync(TenantId tenant, AddOn addOn, AuditEntry audit, CancellationToken cancellationToken) =>
        TryWriteAsync(tenant, CatalogRows.Write(tenant, addOn), default, audit, cancellationToken);

    /// <summary>Replaces a plan read at <paramref name="etag"/>; false when it changed since.</summary>
    public virtual Task<bool> TryReplaceAsync(TenantId tenant, Plan plan, ETag etag, AuditEntry audit, CancellationToken cancellationToken) =>
        TryWriteAsync(tenant, CatalogRows.Write(tenant, plan), etag, audit, cancellationToken);

    public virtual async Task<Product?> GetProductAsync(TenantId tenant, ProductId id, CancellationToken cancellationToken) =>
        await GetAsync(tenant, CatalogRows.Products, id.Value, cancellationToken) is { } row ? CatalogRows.ReadProduct(row) : null;

    public virtual async Task<(Plan Plan, ETag ETag)?> GetPlanAsync(TenantId tenant, PlanId id, CancellationToken cancellationToken) =>
        await GetAsync(tenant, CatalogRows.Plans, id.Value, cancellationToken) is { } row ? (CatalogRows.ReadPlan(row), row.ETag) : null;

    public virtual async Task<AddOn?> GetAddOnAsync(TenantId tenant, AddOnId id, CancellationToken cancellationToken) =>
        await GetAsync(tenant, CatalogRows.AddOns, id.Value, cancellationToken) is { } row ? CatalogRows.ReadAddOn(row) : null;

    public virtual async Task<IReadOnlyList<T>> ListAsync<T>(TenantId tenant, string prefix, Func<TableEntity, T> read,
        CancellationToken cancellationToken)
    {
        var filter = StorageExtensions.PrefixFilter(tenant.Value, prefix);
        var items = new List<T>();
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) items.Add(read(row));
        return items;
    }

    private async Task<TableEntity?> GetAsync(TenantId tenant, string prefix, string id, CancellationToken cancellationToken) =>
        Ids.IsValid(id) ? await tables.Billing.GetEntityOrNullAsync(tenant.Value, prefix + id, cancellationToken: cancellationToken) : null;

    private async Task<bool> TryWriteAsync(TenantId tenant, TableEntity row, ETag etag, AuditEntry audit, CancellationToken cancellationToken)
    {
        List<TableTransactionAction> actions =
        [
            etag == default ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, etag),
            .. AuditRows.Plan(tenant, audit),
        ];
        try
        {
            await tables.Billing.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }
    }
}
