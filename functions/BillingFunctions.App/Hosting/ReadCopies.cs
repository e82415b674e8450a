using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;

namespace BillingFunctions.App.Hosting;

/// <summary>
/// Copies of billing-table rows kept in a table of their own for reading (summary rows, label index rows). The row
/// in the billing table stays the truth, written in the invoice's own entity-group transaction; a transaction cannot
/// span tables, so the copy is written after it commits. Each row carries a <see cref="Version"/> that rises with
/// every write of the original, and a copy is only ever replaced by a higher version, under its ETag: copies hold
/// whole values, never differences, so a retried, repeated or late copy cannot count anything twice, and copies
/// racing in any order end at the newest. A process that dies between the commit and the copy leaves the copy
/// behind; the next write of that row, or <see cref="Dashboards.ReadCopyRepair"/>, brings it up to date.
/// </summary>
internal static class ReadCopies
{
    public const string Version = "Version";

    /// <summary>False on a copy whose original was deleted: it keeps the version, so an older copy arriving late cannot bring it back.</summary>
    public const string Live = "Live";

    private const int MaxAttempts = 20;

    public static long VersionOf(TableEntity row) => row.GetInt64(Version) ?? 0;

    /// <summary>Writes each row (all in one partition) over its copy unless the copy is as new already.</summary>
    public static async Task CopyAsync(TableClient target, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(StorageExtensions.MaxTransactionActions))
            await CopyChunkAsync(target, chunk, cancellationToken);
    }

    private static async Task CopyChunkAsync(TableClient target, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var copies = await Task.WhenAll(rows.Select(r => target.GetEntityOrNullAsync(r.PartitionKey, r.RowKey, [Version], cancellationToken)));
            var actions = new List<TableTransactionAction>();
            for (var i = 0; i < rows.Count; i++)
            {
                if (copies[i] is not { } copy) actions.Add(new(TableTransactionActionType.Add, rows[i]));
                else if (VersionOf(copy) < VersionOf(rows[i])) actions.Add(new(TableTransactionActionType.UpdateReplace, rows[i], copy.ETag));
            }
            if (actions.Count == 0) return;
            try
            {
                await target.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
            {
                // Another copy landed since we read: read again, and write only what is still older.
                await Task.Delay(Random.Shared.Next(1, 3 * attempt), cancellationToken);
            }
        }
        throw new InvalidOperationException($"Copies in {target.Name} kept changing; gave up after {MaxAttempts} attempts.");
    }

    /// <summary>
    /// Brings every copy of one tenant's rows under <paramref name="sourcePrefix"/> up to date with the billing table:
    /// copies what is missing or older, and marks copies whose original is gone as no longer live. A copy's row key is
    /// the original's with <paramref name="sourcePrefix"/> replaced by <paramref name="targetPrefix"/>; <paramref name="copyOf"/>
    /// makes the copy of an original.
    /// </summary>
    /// <returns>How many copies were written.</returns>
    public static async Task<int> RepairAsync(TableClient source, TableClient target, string tenant, string sourcePrefix,
        Func<TableEntity, TableEntity> copyOf, string targetPrefix, CancellationToken cancellationToken)
    {
        var copies = new Dictionary<string, (long Version, bool Live)>(StringComparer.Ordinal);
        await foreach (var copy in target.QueryAsync<TableEntity>(StorageExtensions.PrefixFilter(tenant, targetPrefix),
            select: ["RowKey", Version, Live], cancellationToken: cancellationToken))
            copies[copy.RowKey] = (VersionOf(copy), copy.GetBoolean(Live) ?? true);

        var stale = new List<TableEntity>();
        var originals = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in source.QueryAsync<TableEntity>(StorageExtensions.PrefixFilter(tenant, sourcePrefix),
            cancellationToken: cancellationToken))
        {
            var copy = copyOf(row);
            originals.Add(copy.RowKey);
            if (!copies.TryGetValue(copy.RowKey, out var existing) || existing.Version < VersionOf(copy)) stale.Add(copy);
        }
        await CopyAsync(target, stale, cancellationToken);

        var orphans = copies.Where(c => c.Value.Live && !originals.Contains(c.Key)).Select(c => c.Key).ToList();
        foreach (var key in orphans)
        {
            // Listed live, original not seen: the original was deleted, or written after we listed. Ask once more.
            var copy = await target.GetEntityOrNullAsync(tenant, key, cancellationToken: cancellationToken);
            if (copy is null || copy.GetBoolean(Live) == false) continue;
            if (await source.GetEntityOrNullAsync(tenant, sourcePrefix + key[targetPrefix.Length..],
                cancellationToken: cancellationToken) is { } original)
            {
                await CopyAsync(target, [copyOf(original)], cancellationToken);
                continue;
            }
            try
            {
                await target.UpdateEntityAsync(Tombstone(tenant, key, VersionOf(copy)), copy.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // A writer copied a newer version meanwhile; it is the right one.
            }
        }
        return stale.Count + orphans.Count;
    }

    /// <summary>A copy of <paramref name="original"/>'s properties under other keys (without its ETag and timestamp).</summary>
    public static TableEntity CopyOf(TableEntity original, string partition, string rowKey)
    {
        var copy = new TableEntity(partition, rowKey);
        foreach (var (name, value) in original)
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")) copy[name] = value;
        return copy;
    }

    public static TableEntity Tombstone(string partition, string rowKey, long version) =>
        new(partition, rowKey) { [Version] = version, [Live] = false };
}
