using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;

namespace BillingFunctions.Adapters.Tests.Testing;

/// <summary>Connects tests to the Azurite that scripts/test.sh or scripts/dev-azurite.sh started.</summary>
internal static class Azurite
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "AZURITE_CONNECTION_STRING is not set. Run storage tests through scripts/test.sh or " +
                "scripts/dev-azurite.sh dotnet test tests/BillingFunctions.Adapters.Tests");

    public static string UniqueTableName() => "t" + Guid.NewGuid().ToString("N");

    public static string UniqueQueueName() => "q-" + Guid.NewGuid().ToString("N");

    public static async Task<TableClient> NewTableAsync()
    {
        var table = new TableClient(ConnectionString, UniqueTableName());
        await table.CreateIfNotExistsAsync();
        return table;
    }

    public static async Task<QueueClient> NewQueueAsync()
    {
        var queue = new QueueClient(ConnectionString, UniqueQueueName(), StorageExtensions.QueueOptions());
        await queue.CreateIfNotExistsAsync();
        return queue;
    }
}
