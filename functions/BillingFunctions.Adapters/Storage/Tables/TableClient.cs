using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BillingFunctions.Adapters.Storage;

/// <summary>
/// Reads and writes the entities of one table over the Table REST API, through an Azure.Core
/// pipeline (retries, logging, tracing). Thread-safe; create one per table and keep it.
/// Failures throw <see cref="RequestFailedException"/> with <c>Status</c> and <c>ErrorCode</c>
/// (ResourceNotFound, EntityAlreadyExists, UpdateConditionNotSatisfied, TableNotFound, ...).
/// </summary>
public partial class TableClient
{
    private const string JsonAccept = "application/json;odata=minimalmetadata";
    private readonly HttpPipeline _pipeline = null!;
    private readonly Uri _endpoint = null!;

    /// <summary>For mocking only.</summary>
    protected TableClient()
    {
        Name = "";
    }

    /// <summary>Creates a client signing with the account key from <paramref name="connectionString"/>.</summary>
    public TableClient(string connectionString, string tableName, TableClientOptions? options = null)
        : this(StorageConnection.Parse(connectionString), tableName, options ?? new TableClientOptions())
    {
    }

    /// <summary>Creates a client authenticating with Microsoft Entra ID (e.g. a managed identity).</summary>
    public TableClient(Uri endpoint, string tableName, TokenCredential credential, TableClientOptions? options = null)
        : this(endpoint, tableName, TableServiceClient.BuildPipeline(StoragePipeline.Bearer(credential), options ?? new TableClientOptions()))
    {
    }

    private TableClient(StorageConnection connection, string tableName, TableClientOptions options)
        : this(connection.TableEndpoint, tableName, TableServiceClient.BuildPipeline(connection, options))
    {
    }

    internal TableClient(Uri endpoint, string tableName, HttpPipeline pipeline)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        _endpoint = endpoint;
        _pipeline = pipeline;
        Name = tableName;
    }

    /// <summary>The table name.</summary>
    public virtual string Name { get; }

    /// <summary>Creates the table unless it exists.</summary>
    public virtual async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, "/Tables");
        message.Request.Headers.Add("Prefer", "return-no-content");
        SetJson(message, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        StoragePipeline.ThrowUnlessOkOr(response, "TableAlreadyExists");
    }

    /// <summary>Deletes the table and all its entities; does nothing when it does not exist.</summary>
    public virtual async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, $"/Tables('{Uri.EscapeDataString(Name)}')");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError && response.Status != 404)
            throw StoragePipeline.Failure(response);
    }

    /// <summary>Inserts a new entity; throws 409 EntityAlreadyExists when the keys are taken.</summary>
    /// <returns>The new entity's ETag.</returns>
    public virtual async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(RequestMethod.Post, "/" + Name);
        message.Request.Headers.Add("Prefer", "return-no-content");
        SetJson(message, TableEntityJson.Serialize(entity));
        return await SendForETagAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts the entity, or merges into / replaces the existing one, whatever its version.</summary>
    public virtual Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        WriteEntityAsync(entity, ifMatch: null, mode, cancellationToken);

    /// <summary>
    /// Updates an existing entity only if it still has <paramref name="ifMatch"/>
    /// (<see cref="ETag.All"/> for any version). A stale ETag throws 412 UpdateConditionNotSatisfied; a
    /// missing entity throws 404.
    /// </summary>
    public virtual Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        WriteEntityAsync(entity, ifMatch == default ? ETag.All : ifMatch, mode, cancellationToken);

    /// <summary>Reads one entity; throws 404 when it does not exist (ErrorCode ResourceNotFound, as Azure answers a point read).</summary>
    public virtual async Task<TableEntity> GetEntityAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        (await GetEntityIfExistsAsync(partitionKey, rowKey, select, throwIfMissing: true, cancellationToken).ConfigureAwait(false))!;

    /// <summary>Reads one entity, or null when it does not exist (a missing table still throws 404 TableNotFound).</summary>
    public virtual Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        GetEntityIfExistsAsync(partitionKey, rowKey, select, throwIfMissing: false, cancellationToken);

    /// <summary>
    /// Deletes an entity if it still has <paramref name="ifMatch"/> (default: any version).
    /// Deleting an entity that does not exist is not an error, so retries are safe; a missing table is.
    /// </summary>
    public virtual async Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(partitionKey, rowKey));
        message.Request.Headers.Add("If-Match", (ifMatch == default ? ETag.All : ifMatch).ToString("H"));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError && !IsMissingEntity(response))
            throw StoragePipeline.Failure(response);
    }

    private async Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, IEnumerable<string>? select, bool throwIfMissing, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, EntityPath(partitionKey, rowKey));
        AppendSelect(message, select);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (!throwIfMissing && IsMissingEntity(response))
            return null;
        if (response.IsError)
            throw StoragePipeline.Failure(response);
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var entity = TableEntityJson.Read(document.RootElement);
        if (entity.ETag == default)
            entity.ETag = StoragePipeline.ETagOf(response);
        return entity;
    }

    // A 404 means a missing entity unless the table itself is missing, which callers must hear about.
    private static bool IsMissingEntity(Response response) =>
        response.Status == 404 && StoragePipeline.Failure(response).ErrorCode != "TableNotFound";

    private async Task<ETag> WriteEntityAsync(TableEntity entity, ETag? ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var method = mode == TableUpdateMode.Merge ? RequestMethod.Patch : RequestMethod.Put;
        using var message = CreateMessage(method, EntityPath(entity.PartitionKey, entity.RowKey));
        if (ifMatch is { } etag)
            message.Request.Headers.Add("If-Match", etag.ToString("H"));
        SetJson(message, TableEntityJson.Serialize(entity));
        return await SendForETagAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ETag> SendForETagAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
            throw StoragePipeline.Failure(response);
        return StoragePipeline.ETagOf(response);
    }

    private HttpMessage CreateMessage(RequestMethod method, string escapedPath)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(_endpoint);
        request.Uri.AppendPath(escapedPath, escape: false);
        request.Headers.Add("Accept", JsonAccept);
        request.Headers.Add("DataServiceVersion", "3.0");
        return message;
    }

    private static void SetJson(HttpMessage message, byte[] body)
    {
        message.Request.Headers.Add("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(body);
    }

    private static void AppendSelect(HttpMessage message, IEnumerable<string>? select)
    {
        if (select is not null)
            message.Request.Uri.AppendQuery("$select", string.Join(',', select), escapeValue: true);
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }

    internal string EntityPath(string partitionKey, string rowKey) =>
        $"/{Name}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    // Keys are OData string literals inside the path: quotes double, then the whole thing is percent-encoded.
    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''"));
}
