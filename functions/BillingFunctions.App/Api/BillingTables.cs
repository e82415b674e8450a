using BillingFunctions.Adapters.Storage;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Api;

/// <summary>
/// The two tables the API uses: <see cref="Billing"/> holds every tenant's data, one partition per tenant;
/// <see cref="ApiKeys"/> maps the hash of an API key to its tenant, so authentication is one point read.
/// </summary>
public sealed class BillingTables(TableClient billing, TableClient apiKeys)
{
    public const string TableSetting = "Billing:Table";
    public const string ApiKeyTableSetting = "Billing:ApiKeyTable";

    /// <summary>The partition that lists tenants; tenant ids never take this value.</summary>
    public const string PlatformPartition = "platform";

    public TableClient Billing { get; } = billing;
    public TableClient ApiKeys { get; } = apiKeys;

    public static BillingTables FromConfiguration(IConfiguration configuration)
    {
        var connection = configuration[AppSettings.StorageConnectionSetting] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Set {AppSettings.StorageConnectionSetting} to the storage connection string.");
        var service = new TableServiceClient(connection);
        return new BillingTables(
            service.GetTableClient(configuration[TableSetting] ?? "billing"),
            service.GetTableClient(configuration[ApiKeyTableSetting] ?? "billingkeys"));
    }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        await Billing.CreateIfNotExistsAsync(cancellationToken);
        await ApiKeys.CreateIfNotExistsAsync(cancellationToken);
    }
}

/// <summary>
/// Creates the tables at startup, so the first request does not have to. Without a storage setting the app still
/// starts (the hosting protocol works without storage), and the API fails on first use with a clear message.
/// </summary>
internal sealed class BillingTablesInitializer(IServiceProvider services, IConfiguration configuration, ILogger<BillingTablesInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(configuration[AppSettings.StorageConnectionSetting])) return;
        // Bounded and forgiving like the storage bootstrap: storage being down must not stop the app (health says so).
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await services.GetRequiredService<BillingTables>().CreateIfNotExistsAsync(attempt.Token);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or AggregateException)
        {
            logger.LogWarning(e, "Could not create the billing tables at startup; the API fails until storage answers");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
