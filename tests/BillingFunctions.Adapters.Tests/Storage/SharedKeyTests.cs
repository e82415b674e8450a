using Azure;
using BillingFunctions.Adapters.Storage;

namespace BillingFunctions.Adapters.Tests.Storage;

/// <summary>Azurite checks Shared Key signatures, so every passing storage test also shows ours are right; these show it does check.</summary>
public class SharedKeyTests
{
    private static string WithWrongKey(string connectionString) =>
        connectionString.Replace(StorageConnection.Parse(connectionString).AccountKey, Convert.ToBase64String(new byte[64]));

    [Fact]
    public async Task Table_requests_signed_with_the_wrong_key_are_refused()
    {
        var table = new TableClient(WithWrongKey(Azurite.ConnectionString), Azurite.UniqueTableName());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.CreateIfNotExistsAsync());

        Assert.Equal(403, error.Status);
    }

    [Fact]
    public async Task Queue_requests_signed_with_the_wrong_key_are_refused()
    {
        var queue = new QueueClient(WithWrongKey(Azurite.ConnectionString), Azurite.UniqueQueueName());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.CreateIfNotExistsAsync());

        Assert.Equal(403, error.Status);
    }
}
