using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Audit;

public sealed record AuditEntryResponse(DateTimeOffset At, string Actor, string Action, string Detail, string? InvoiceId, string? CustomerId)
{
    public static AuditEntryResponse From(AuditEntry e) => new(e.At, e.Actor, e.Action, e.Detail, e.Invoice?.Value, e.Customer?.Value);
}

/// <summary>Audit rows newest first, by tenant, invoice or customer.</summary>
public sealed class AuditQueries(BillingTables tables)
{
    public async Task<IReadOnlyList<AuditEntry>> ReadAllAsync(TenantId tenant, string prefix, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(StorageExtensions.PrefixFilter(tenant.Value, prefix),
            cancellationToken: cancellationToken))
            entries.Add(AuditRows.Read(row));
        return entries;
    }

    public async Task<Page<AuditEntryResponse>> PageAsync(TenantId tenant, string prefix, int pageSize, string? continuationToken,
        CancellationToken cancellationToken)
    {
        var page = await tables.Billing.QueryPageAsync(StorageExtensions.PrefixFilter(tenant.Value, prefix), pageSize, null,
            continuationToken, cancellationToken);
        return new Page<AuditEntryResponse>(page.Values.Select(r => AuditEntryResponse.From(AuditRows.Read(r))).ToList(), page.ContinuationToken);
    }
}
