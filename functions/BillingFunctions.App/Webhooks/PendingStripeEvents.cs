using Azure;
using Azure.Data.Tables;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Webhooks;

/// <summary>
/// Events queued but not yet applied, one row each in the <c>~pending</c> partition of the billing table (no tenant
/// id can start with '~'), so the sweep reads one partition instead of scanning every tenant's.
/// </summary>
public class PendingStripeEvents(StorageAccounts storage)
{
    public const string Partition = "~pending";

    private TableClient Table => storage.GetTableClient(storage.BillingTable);

    public sealed record Pending(string Tenant, string EventId, DateTimeOffset QueuedAt, int Sweeps);

    public virtual async Task MarkAsync(string tenant, string eventId, DateTimeOffset queuedAt, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(Partition, $"{tenant}|{eventId}") { ["QueuedAt"] = queuedAt, ["Sweeps"] = 0 },
            TableUpdateMode.Replace, cancellationToken);

    public virtual async Task ClearAsync(string tenant, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(Partition, $"{tenant}|{eventId}", cancellationToken: cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
        }
    }

    public virtual async IAsyncEnumerable<Pending> QueuedBeforeAsync(DateTimeOffset before,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and QueuedAt lt {before}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var separator = row.RowKey.IndexOf('|');
            yield return new Pending(row.RowKey[..separator], row.RowKey[(separator + 1)..],
                row.GetDateTimeOffset("QueuedAt") ?? before, row.GetInt32("Sweeps") ?? 0);
        }
    }

    public virtual async Task RecordSweepAsync(Pending pending, DateTimeOffset queuedAt, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(Partition, $"{pending.Tenant}|{pending.EventId}")
        {
            ["QueuedAt"] = queuedAt,
            ["Sweeps"] = pending.Sweeps + 1,
        }, TableUpdateMode.Replace, cancellationToken);
}
