using Azure.Data.Tables;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Hosting;

/// <summary>
/// The tables the API uses: <see cref="Billing"/> holds every tenant's data, one partition per tenant;
/// <see cref="ApiKeys"/> maps the hash of an API key to its tenant, so authentication is one point read;
/// <see cref="Dashboards"/> and <see cref="InvoiceLabels"/> hold copies of the billing table's summary and label
/// index rows (see <c>ReadCopies</c>), because a range query reads far fewer rows in a small table of its own.
/// Their names and clients come from <see cref="StorageAccounts"/>; StorageBootstrap creates them.
/// </summary>
public sealed class BillingTables(TableClient billing, TableClient apiKeys, TableClient dashboards, TableClient invoiceLabels)
{
    /// <summary>The partition that lists tenants; tenant ids never take this value.</summary>
    public const string PlatformPartition = "platform";

    public TableClient Billing { get; } = billing;
    public TableClient ApiKeys { get; } = apiKeys;
    public TableClient Dashboards { get; } = dashboards;
    public TableClient InvoiceLabels { get; } = invoiceLabels;

    public static BillingTables From(StorageAccounts storage) =>
        new(storage.GetTableClient(storage.BillingTable), storage.GetTableClient(storage.ApiKeyTable),
            storage.GetTableClient(storage.DashboardTable), storage.GetTableClient(storage.InvoiceLabelTable));

    /// <summary>The tables of one billing table name on a connection string (tests and benchmarks that make their own).</summary>
    public static BillingTables Named(string connectionString, string billingTable, string apiKeyTable) =>
        new(new TableClient(connectionString, billingTable), new TableClient(connectionString, apiKeyTable),
            new TableClient(connectionString, StorageAccounts.DashboardTableOf(billingTable)),
            new TableClient(connectionString, StorageAccounts.InvoiceLabelTableOf(billingTable)));

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        await Billing.CreateIfNotExistsAsync(cancellationToken);
        await ApiKeys.CreateIfNotExistsAsync(cancellationToken);
        await Dashboards.CreateIfNotExistsAsync(cancellationToken);
        await InvoiceLabels.CreateIfNotExistsAsync(cancellationToken);
    }
}
