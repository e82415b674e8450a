using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Http;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Imports;

/// <summary>
/// The <c>imports</c> table, one partition per tenant: an import's status as row <c>{import}</c>, and the file it
/// was given as rows <c>{import}|{part:D6}</c> of <see cref="PartBytes"/> each, kept until the run is done.
/// </summary>
public sealed class ImportStore(StorageAccounts storage)
{
    public const string TableName = "imports";

    /// <summary>Under the 64 KiB a binary property holds.</summary>
    public const int PartBytes = 60 * 1024;

    /// <summary>Parts per transaction: their base64 stays well under the 4 MiB a transaction carries.</summary>
    private const int PartsPerTransaction = 32;

    private TableClient Table => storage.GetTableClient(TableName);

    private static string PartKey(string importId, int part) => $"{importId}|{part.ToString("D6", CultureInfo.InvariantCulture)}";

    /// <summary>Stores the file from its current position; its status is written after it (<see cref="SaveAsync"/>).</summary>
    public async Task SaveFileAsync(TenantId tenant, string importId, Stream file, CancellationToken cancellationToken)
    {
        var batch = new List<TableTransactionAction>(PartsPerTransaction);
        var part = 0;
        while (true)
        {
            var buffer = new byte[PartBytes];
            var length = await file.ReadAtLeastAsync(buffer, PartBytes, throwOnEndOfStream: false, cancellationToken);
            if (length > 0)
                batch.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(tenant.Value, PartKey(importId, part++))
                    { ["Data"] = buffer[..length] }));
            if (batch.Count == PartsPerTransaction || (length < PartBytes && batch.Count > 0))
            {
                await Table.SubmitTransactionAsync(batch, cancellationToken);
                batch.Clear();
            }
            if (length < PartBytes) return;
        }
    }

    /// <summary>
    /// Parts a page of the stored file holds. Without a limit a page is what the table service answers at once: 4 MiB of
    /// base64 in Azure, and in Azurite up to 1,000 entities, the whole file (a benchmark saw the run's memory grow with it).
    /// </summary>
    private const int PartsPerPage = 4;

    /// <summary>The stored file, read a few parts at a time.</summary>
    public Stream OpenFile(TenantId tenant, string importId) =>
        new ImportFileStream(Table.QueryAsync<TableEntity>(StorageExtensions.PrefixFilter(tenant.Value, importId + "|"), maxPerPage: PartsPerPage,
            select: ["Data"]));

    public async Task DeleteFileAsync(TenantId tenant, string importId, CancellationToken cancellationToken)
    {
        var parts = new List<TableTransactionAction>();
        await foreach (var row in Table.QueryAsync<TableEntity>(StorageExtensions.PrefixFilter(tenant.Value, importId + "|"),
            select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            parts.Add(new(TableTransactionActionType.Delete, row));
        foreach (var chunk in parts.Chunk(StorageExtensions.MaxTransactionActions))
            await Table.SubmitTransactionAsync(chunk, cancellationToken);
    }

    public async Task<ImportStatus?> GetAsync(TenantId tenant, string importId, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(importId)) return null;
        var row = await Table.GetEntityOrNullAsync(tenant.Value, importId, cancellationToken: cancellationToken);
        return row is null ? null : new ImportStatus(importId, row.GetString("Kind")!, row.GetString("StartedBy")!,
            row.GetDateTimeOffset("StartedAt")!.Value)
        {
            State = row.GetString("State")!, RowsRead = row.GetInt64("RowsRead") ?? 0, Records = row.GetInt64("Records") ?? 0,
            Created = row.GetInt64("Created") ?? 0, Duplicates = row.GetInt64("Duplicates") ?? 0, Failed = row.GetInt64("Failed") ?? 0,
            Failures = JsonSerializer.Deserialize<List<ImportRowError>>(row.GetString("Failures") ?? "[]", Json.Options)!,
            CompletedAt = row.GetDateTimeOffset("CompletedAt"),
        };
    }

    /// <summary>Writes the status; one run at a time writes an import's, so the last write is the news.</summary>
    public Task SaveAsync(TenantId tenant, ImportStatus status, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(tenant.Value, status.Id)
        {
            ["Kind"] = status.Kind, ["StartedBy"] = status.StartedBy, ["StartedAt"] = status.StartedAt, ["State"] = status.State,
            ["RowsRead"] = status.RowsRead, ["Records"] = status.Records, ["Created"] = status.Created, ["Duplicates"] = status.Duplicates,
            ["Failed"] = status.Failed, ["Failures"] = JsonSerializer.Serialize(status.Failures, Json.Options),
            ["CompletedAt"] = status.CompletedAt,
        }, TableUpdateMode.Replace, cancellationToken);
}
