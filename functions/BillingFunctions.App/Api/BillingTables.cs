using Azure.Data.Tables;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Api;

/// <summary>
/// The two tables the API uses: <see cref="Billing"/> holds every tenant's data, one partition per tenant;
/// <see cref="ApiKeys"/> maps the hash of an API key to its tenant, so authentication is one point read.
/// Their names and clients come from <see cref="StorageAccounts"/>; StorageBootstrap creates them.
/// </summary>
public sealed class BillingTables(TableClient billing, TableClient apiKeys)
{
    /// <summary>The partition that lists tenants; tenant ids never take this value.</summary>
    public const string PlatformPartition = "platform";

    public TableClient Billing { get; } = billing;
    public TableClient ApiKeys { get; } = apiKeys;

    public static BillingTables From(StorageAccounts storage) =>
        new(storage.GetTableClient(storage.BillingTable), storage.GetTableClient(storage.ApiKeyTable));

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        await Billing.CreateIfNotExistsAsync(cancellationToken);
        await ApiKeys.CreateIfNotExistsAsync(cancellationToken);
    }
}
