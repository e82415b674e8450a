using System.Collections.Concurrent;
using BillingFunctions.Adapters.Storage;

namespace BillingFunctions.App.Hosting;

/// <summary>
/// Table and queue service clients per connection setting (BILLING_STORAGE unless a function names another), made
/// on first use so the app starts, and answers health, even before storage is configured.
/// </summary>
public class StorageAccounts(IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, TableServiceClient> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, QueueServiceClient> _queues = new(StringComparer.OrdinalIgnoreCase);

    public virtual TableServiceClient GetTableService(string setting = AppSettings.StorageConnectionSetting) =>
        _tables.GetOrAdd(setting, name => new TableServiceClient(ConnectionString(name)));

    public virtual QueueServiceClient GetQueueService(string setting = AppSettings.StorageConnectionSetting) =>
        _queues.GetOrAdd(setting, name => new QueueServiceClient(ConnectionString(name)));

    public bool IsConfigured(string setting = AppSettings.StorageConnectionSetting) => !string.IsNullOrWhiteSpace(configuration[setting]);

    private string ConnectionString(string setting) =>
        configuration[setting] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The setting {setting} must hold a storage connection string.");
}
