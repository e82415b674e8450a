using System.Collections.Concurrent;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;

namespace BillingFunctions.App.Hosting;

/// <summary>
/// The one place that names the app's tables and queues and makes their clients: per connection setting
/// (BILLING_STORAGE unless a function names another), by connection string locally, or in Azure by Microsoft Entra ID
/// (<c>{setting}__tableServiceUri</c> and <c>{setting}__queueServiceUri</c>, or <c>{setting}__accountName</c>, like the
/// Functions host's identity-based connections). Clients are made on first use, so the app starts, and answers health,
/// even before storage is configured.
/// </summary>
public class StorageAccounts(IConfiguration configuration)
{
    public const string BillingTableSetting = AppSettings.BillingTable;
    public const string ApiKeyTableSetting = AppSettings.ApiKeyTable;
    public const string DefaultBillingTable = "billing";
    public const string DefaultApiKeyTable = "billingkeys";

    /// <summary>Every tenant's data, one partition per tenant; also the received Stripe events. Named by <see cref="BillingTableSetting"/>.</summary>
    public string BillingTable => configuration[BillingTableSetting] ?? DefaultBillingTable;

    /// <summary>The hash of each API key to its tenant, so authentication is one point read.</summary>
    public string ApiKeyTable => configuration[ApiKeyTableSetting] ?? DefaultApiKeyTable;

    /// <summary>Copies of the billing table's quarter summary rows, alone in their table so a dashboard reads a few rows.</summary>
    public string DashboardTable => DashboardTableOf(BillingTable);

    public static string DashboardTableOf(string billingTable) => billingTable + "dashboards";

    /// <summary>Copies of the billing table's label index rows, so a label-filtered list reads no other rows.</summary>
    public string InvoiceLabelTable => InvoiceLabelTableOf(BillingTable);

    public static string InvoiceLabelTableOf(string billingTable) => billingTable + "labels";



    /// <summary>The billing tables every feature shares; a feature's own tables and queues are its <see cref="StorageNeed"/>s.</summary>
    public IReadOnlyList<string> Tables => [BillingTable, ApiKeyTable, DashboardTable, InvoiceLabelTable];

    private readonly ConcurrentDictionary<string, TableServiceClient> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, QueueServiceClient> _queues = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<TokenCredential> _credential = new(() => new DefaultAzureCredential());

    public virtual TableServiceClient GetTableService(string setting = AppSettings.StorageConnectionSetting) =>
        _tables.GetOrAdd(setting, name => ConnectionString(name) is { } connection
            ? new TableServiceClient(connection)
            : new TableServiceClient(ServiceUri(name, "table"), _credential.Value));

    public virtual QueueServiceClient GetQueueService(string setting = AppSettings.StorageConnectionSetting) =>
        _queues.GetOrAdd(setting, name => ConnectionString(name) is { } connection
            ? new QueueServiceClient(connection, StorageExtensions.QueueOptions())
            : new QueueServiceClient(ServiceUri(name, "queue"), _credential.Value, StorageExtensions.QueueOptions()));

    public TableClient GetTableClient(string table) => GetTableService().GetTableClient(table);

    public QueueClient GetQueueClient(string queue) => GetQueueService().GetQueueClient(queue);

    public bool IsConfigured(string setting = AppSettings.StorageConnectionSetting) =>
        !string.IsNullOrWhiteSpace(configuration[setting]) || configuration.GetSection(setting).GetChildren().Any();

    private string? ConnectionString(string setting) => configuration.Secret(setting);

    private Uri ServiceUri(string setting, string service) =>
        configuration[$"{setting}:{service}ServiceUri"] is { Length: > 0 } uri ? new Uri(uri)
        : configuration[$"{setting}:accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.{service}.core.windows.net")
        : throw new InvalidOperationException(
            $"The setting {setting} must hold a storage connection string, or {setting}__{service}ServiceUri (or {setting}__accountName) for " +
            $"Microsoft Entra ID.");
}
