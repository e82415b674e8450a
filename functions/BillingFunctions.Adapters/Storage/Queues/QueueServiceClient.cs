using Azure.Core;
using Azure.Core.Pipeline;

namespace BillingFunctions.Adapters.Storage;

/// <summary>
/// The entry point to a storage account's Queue service: holds one pipeline and hands out
/// <see cref="QueueClient"/>s that share it. Thread-safe; register one per account.
/// </summary>
public class QueueServiceClient
{
    private readonly HttpPipeline _pipeline = null!;
    private readonly Uri _endpoint = null!;

    /// <summary>For mocking only.</summary>
    protected QueueServiceClient()
    {
    }

    /// <summary>Creates a client signing with the account key from <paramref name="connectionString"/>.</summary>
    public QueueServiceClient(string connectionString, QueueClientOptions? options = null)
    {
        var connection = StorageConnection.Parse(connectionString);
        _endpoint = connection.QueueEndpoint;
        _pipeline = BuildPipeline(connection, options ?? new QueueClientOptions());
    }

    /// <summary>Creates a client authenticating with Microsoft Entra ID (e.g. a managed identity).</summary>
    public QueueServiceClient(Uri endpoint, TokenCredential credential, QueueClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        _endpoint = endpoint;
        _pipeline = BuildPipeline(StoragePipeline.Bearer(credential), options ?? new QueueClientOptions());
    }

    /// <summary>The Queue service endpoint.</summary>
    public virtual Uri Uri => _endpoint;

    /// <summary>Gets a client for one queue; it shares this client's pipeline.</summary>
    public virtual QueueClient GetQueueClient(string queueName) => new(_endpoint, queueName, _pipeline);

    internal static HttpPipeline BuildPipeline(StorageConnection connection, QueueClientOptions options) =>
        BuildPipeline(new QueueSharedKeyPolicy(new StorageSharedKey(connection.AccountName, connection.AccountKey)), options);

    internal static HttpPipeline BuildPipeline(HttpPipelinePolicy authentication, QueueClientOptions options) =>
        StoragePipeline.Build(options, options.ServiceVersion, authentication, options.TimeProvider);
}
