using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Audit;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Customers;

/// <summary>Customer rows, their name index and their audit rows, written together; updates are ETag-guarded.</summary>
public sealed class CustomerStore(BillingTables tables)
{
    public async Task<(CustomerSnapshot Customer, ETag ETag)?> GetAsync(TenantId tenant, CustomerId id, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(id.Value)) return null;
        var row = await tables.Billing.GetEntityOrNullAsync(tenant.Value, CustomerRow.Key(id), cancellationToken: cancellationToken);
        return row is null ? null : (CustomerRow.Read(row), row.ETag);
    }

    /// <summary>Writes a new or changed customer; false when it changed since <paramref name="beforeETag"/> was read.</summary>
    public async Task<bool> TryWriteAsync(TenantId tenant, CustomerSnapshot? before, ETag beforeETag, CustomerSnapshot after,
        AuditEntry? audit, CancellationToken cancellationToken)
    {
        var row = CustomerRow.Write(tenant, after);
        var actions = new List<TableTransactionAction>
        {
            before is null
                ? new(TableTransactionActionType.Add, row)
                : new(TableTransactionActionType.UpdateReplace, row, beforeETag),
        };
        if (before is not null && CustomerRow.NameKey(before) != CustomerRow.NameKey(after))
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(tenant.Value, CustomerRow.NameKey(before))));
        actions.Add(new(TableTransactionActionType.UpsertReplace, CustomerRow.WriteNameIndex(tenant, after)));
        if (audit is not null) actions.AddRange(AuditRows.Plan(tenant, audit));
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

    /// <summary>One page of customers by name, optionally those whose name starts with <paramref name="namePrefix"/>.</summary>
    public Task<Azure.Page<TableEntity>> ListAsync(TenantId tenant, Actor actor, string? namePrefix, int pageSize, string? continuationToken,
        CancellationToken cancellationToken) =>
        tables.Billing.QueryPageAsync(ListFilter(tenant, actor, namePrefix), pageSize, null, continuationToken, cancellationToken);

    /// <summary>Every customer the list would page through, by name, read a page at a time (the CSV export).</summary>
    public IAsyncEnumerable<TableEntity> ReadAllAsync(TenantId tenant, Actor actor, string? namePrefix, CancellationToken cancellationToken) =>
        tables.Billing.QueryAsync<TableEntity>(ListFilter(tenant, actor, namePrefix), cancellationToken: cancellationToken);

    private static string ListFilter(TenantId tenant, Actor actor, string? namePrefix) =>
        StorageExtensions.PrefixFilter(tenant.Value, CustomerRow.NamePrefix + CustomerRow.NormalizeName(namePrefix ?? "")) + Visibility.Filter(actor);
}
