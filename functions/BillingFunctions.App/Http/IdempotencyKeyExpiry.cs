using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tenancy;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Http;

/// <summary>
/// Hourly: forgets each <c>Idempotency-Key</c> a day after its answer, with that answer, much as Stripe does. A
/// key guards against a client's retry, which comes within minutes; the same key sent after that runs as a new request.
/// Without it every keyed POST left its answer in the tenant's partition for good (up to about a megabyte, for an
/// invoice of 250 long lines).
/// </summary>
public sealed partial class IdempotencyKeyExpiry(TenantDirectory tenants, BillingTables tables, TimeProvider time,
    ILogger<IdempotencyKeyExpiry> logger)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>A table transaction holds at most 100 actions.</summary>
    private const int TransactionSize = 100;

    [Function("expire-idempotency-keys")]
    public static Task ExpireAsync([TimerTrigger("0 50 * * * *")] TimerInfo timer, FunctionContext context, CancellationToken cancellationToken) =>
        context.InstanceServices.GetRequiredService<IdempotencyKeyExpiry>().RunAsync(cancellationToken);

    /// <summary>
    /// When a key row was answered, or else claimed. An answer replaces the claimed row, and rows kept before answers
    /// carried <c>AnsweredAt</c> have only the table's own stamp.
    /// </summary>
    internal static DateTimeOffset? LastUse(TableEntity keyRow) =>
        keyRow.GetDateTimeOffset("AnsweredAt") ?? keyRow.GetDateTimeOffset("StartedAt") ?? keyRow.Timestamp;

    /// <returns>How many keys were forgotten.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - KeptFor;
        var expired = await ExpirePartitionAsync(BillingTables.PlatformPartition, cutoff, cancellationToken);
        await foreach (var tenant in tenants.ListAsync(cancellationToken))
            expired += await ExpirePartitionAsync(tenant.Id.Value, cutoff, cancellationToken);
        if (expired > 0) LogExpired(logger, expired, cutoff);
        return expired;
    }

    /// <summary>
    /// Row keys sort each answer's parts (<c>{key row}|{claim}|{n}</c>) right after their key row, so one pass over the
    /// partition's <c>idem|</c> rows deletes an expired key with its parts, in one transaction when they fit. A part
    /// whose key row is gone (a pass stopped between transactions) is deleted when met.
    /// </summary>
    private async Task<int> ExpirePartitionAsync(string partition, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var expired = 0;
        var deletes = new List<TableTransactionAction>();
        string? keyRow = null;
        var keyExpires = false;
        var rows = tables.Billing.QueryAsync<TableEntity>(StorageExtensions.PrefixFilter(partition, IdempotencyFilter.RowKeyPrefix),
            select: ["PartitionKey", "RowKey", "Timestamp", "State", "StartedAt", "AnsweredAt"], cancellationToken: cancellationToken);
        await foreach (var row in rows)
        {
            if (row.GetString("State") is not null)
            {
                expired += await DeleteAsync(deletes, cancellationToken);
                keyRow = row.RowKey;
                keyExpires = LastUse(row) < cutoff;
                // Guarded by its ETag: a retry that took the key over since this read keeps it.
                if (keyExpires) deletes.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag));
            }
            else if (keyExpires || keyRow is null || !row.RowKey.StartsWith(keyRow + "|", StringComparison.Ordinal))
            {
                deletes.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
            }
            if (deletes.Count == TransactionSize) expired += await DeleteAsync(deletes, cancellationToken);
        }
        return expired + await DeleteAsync(deletes, cancellationToken);
    }

    /// <returns>How many key rows (the deletes guarded by an ETag; parts are not) the transaction deleted.</returns>
    private async Task<int> DeleteAsync(List<TableTransactionAction> deletes, CancellationToken cancellationToken)
    {
        if (deletes.Count == 0) return 0;
        var keyRows = deletes.Count(d => d.ETag != ETag.All);
        try
        {
            await tables.Billing.SubmitTransactionAsync(deletes, cancellationToken);
            return keyRows;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
            // Deleted by an overlapping pass, or taken over by a retry: what is left goes on the next pass.
            return 0;
        }
        finally
        {
            deletes.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} Idempotency-Keys answered (or left running) before {Cutoff}")]
    private static partial void LogExpired(ILogger logger, int count, DateTimeOffset cutoff);
}
