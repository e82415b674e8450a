using BillingFunctions.App.Dashboards;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tenancy;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Dashboards;

/// <summary>
/// Hourly, and when the app starts: brings every tenant's read copies (<see cref="ReadCopies"/>: summary rows and user
/// rows in the dashboard table, label index rows in the label table) up to date with the billing table. Writers copy
/// as they go, so this finds work only after a process died between a commit and its copy, and once for data written
/// before the copies existed (the backfill of an existing tenant: every row without a copy is copied).
/// </summary>
public sealed class ReadCopyRepair(TenantDirectory tenants, BillingTables tables, ILogger<ReadCopyRepair> logger)
{
    [Function("repair-read-copies")]
    public static Task RepairAsync([TimerTrigger("0 35 * * * *", RunOnStartup = true)] TimerInfo timer, FunctionContext context,
        CancellationToken cancellationToken) => context.InstanceServices.GetRequiredService<ReadCopyRepair>().RunAsync(cancellationToken);

    /// <returns>How many copies were written.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        await foreach (var tenant in tenants.ListAsync(cancellationToken))
            written += await RunAsync(tenant.Id.Value, cancellationToken);
        if (written > 0) logger.LogInformation("Brought {Count} read copies up to date", written);
        return written;
    }

    public async Task<int> RunAsync(string tenant, CancellationToken cancellationToken) =>
        await ReadCopies.RepairAsync(tables.Billing, tables.Dashboards, tenant, SummaryRows.KeyPrefix,
            row => ReadCopies.CopyOf(row, row.PartitionKey, row.RowKey), SummaryRows.KeyPrefix, cancellationToken)
        + await ReadCopies.RepairAsync(tables.Billing, tables.Dashboards, tenant, UserDirectory.RowPrefix,
            row => ReadCopies.CopyOf(row, row.PartitionKey, row.RowKey), UserDirectory.RowPrefix, cancellationToken)
        + await ReadCopies.RepairAsync(tables.Billing, tables.InvoiceLabels, tenant, InvoiceIndex.LabelPrefix,
            InvoiceIndex.LabelCopy, "", cancellationToken);
}
