using Azure.Core;
using Azure.Core.Pipeline;

namespace BillingFunctions.Adapters.Storage;

/// <summary>
/// The entry point to a storage account's Table service: holds one pipeline and hands out
/// <see cref="TableClient"/>s that share it. Thread-safe; register one per account.
/// </summary>
public class TableServiceClient
{
    private readonly HttpPipeline _pipeline = null!;
    private readonly Uri _endpoint = null!;

    /// <summary>For mocking only.</summary>
    protected TableServiceClient()
    {
    }

    /// <summary>Creates a client signing with the account key from <paramref name="connectionString"/>.</summary>
    public TableServiceClient(string connectionString, TableClientOptions? options = null)
    {
        var connection = StorageConnection.Parse(connectionString);
        _endpoint = connection.TableEndpoint;
        _pipeline = BuildPipeline(connection, options ?? new TableClientOptions());
    }

    /// <summary>Creates a client authenticating with Microsoft Entra ID (e.g. a managed identity).</summary>
    public TableServiceClient(Uri endpoint, TokenCredential credential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        _endpoint = endpoint;
        _pipeline = BuildPipeline(StoragePipeline.Bearer(credential), options ?? new TableClientOptions());
    }

    /// <summary>The Table service endpoint.</summary>
    public virtual Uri Uri => _endpoint;

    /// <summary>Gets a client for one table; it shares this client's pipeline.</summary>
    public virtual TableClient GetTableClient(string tableName) => new(_endpoint, tableName, _pipeline);

    internal static HttpPipeline BuildPipeline(StorageConnection connection, TableClientOptions options) =>
        BuildPipeline(new TableSharedKeyPolicy(new StorageSharedKey(connection.AccountName, connection.AccountKey)), options);

    internal static HttpPipeline BuildPipeline(HttpPipelinePolicy authentication, TableClientOptions options) =>
        StoragePipeline.Build(options, options.ServiceVersion, authentication, options.TimeProvider);
}
