using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Webhooks;

/// <summary>
/// Received Stripe events in the tenant's partition of the <c>billing</c> table, row <c>evt|{eventId}</c>. Inserting
/// is the dedupe: a second delivery of the same event finds the row and changes nothing.
/// </summary>
public class StripeEventStore(StorageAccounts storage)
{
    private const string RowPrefix = "evt|";

    // A string property holds at most 64 KiB (32K UTF-16 chars); longer bodies continue in Payload1, Payload2, ...
    private const int ChunkLength = 30_000;

    private TableClient Table => storage.GetTableClient(storage.BillingTable);

    public static string RowKey(string eventId) => RowPrefix + eventId;

    /// <summary>Stores the event unless it is already stored; true when this call stored it.</summary>
    public virtual async Task<bool> TryAddAsync(StoredStripeEvent stored, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(stored.Tenant, RowKey(stored.EventId))
        {
            ["Type"] = stored.Type,
            ["ReceivedAt"] = stored.ReceivedAt,
        };
        for (int offset = 0, i = 0; offset < stored.Payload.Length || i == 0; offset += ChunkLength, i++)
        {
            entity[i == 0 ? "Payload" : $"Payload{i}"] = stored.Payload.Substring(offset, Math.Min(ChunkLength, stored.Payload.Length - offset));
        }

        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    public virtual async Task<StoredStripeEvent?> GetAsync(string tenant, string eventId, CancellationToken cancellationToken)
    {
        var entity = await Table.GetEntityOrNullAsync(tenant, RowKey(eventId), cancellationToken: cancellationToken);
        return entity is null ? null : FromEntity(entity);
    }

    /// <summary>
    /// Records the event as applied once, or with <paramref name="ignoredBecause"/> as applied as nothing; false when it
    /// already was (or was concurrently).
    /// </summary>
    public virtual async Task<bool> MarkAppliedAsync(string tenant, string eventId, DateTimeOffset appliedAt, CancellationToken cancellationToken,
        string? ignoredBecause = null)
    {
        while (true)
        {
            var entity = await Table.GetEntityOrNullAsync(tenant, RowKey(eventId), ["AppliedAt"], cancellationToken)
                ?? throw new InvalidOperationException($"Event {eventId} of tenant {tenant} is not stored.");
            if (entity.GetDateTimeOffset("AppliedAt") is not null) return false;

            try
            {
                var applied = new TableEntity(tenant, RowKey(eventId)) { ["AppliedAt"] = appliedAt };
                if (ignoredBecause is not null) applied["IgnoredBecause"] = ignoredBecause;
                await Table.UpdateEntityAsync(applied, entity.ETag, TableUpdateMode.Merge, cancellationToken);
                return true;
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // Someone changed the row since we read it; read again to see whether it was applied meanwhile.
            }
        }
    }

    private static StoredStripeEvent FromEntity(TableEntity entity)
    {
        var payload = string.Concat(Enumerable.Range(0, int.MaxValue)
            .Select(i => entity.GetString(i == 0 ? "Payload" : $"Payload{i}"))
            .TakeWhile(chunk => chunk is not null));
        return new StoredStripeEvent(
            entity.PartitionKey,
            entity.RowKey[RowPrefix.Length..],
            entity.GetString("Type") ?? "",
            payload,
            entity.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
            entity.GetDateTimeOffset("AppliedAt"),
            entity.GetString("IgnoredBecause"));
    }
}
