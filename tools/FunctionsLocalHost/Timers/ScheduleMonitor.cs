using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsLocalHost.Timers;

/// <summary>
/// Each timer's schedule status (Last, Next, LastUpdated) kept in a table on the host's storage account, as the Functions
/// host keeps it in blobs, so a host started after a missed occurrence knows the timer is past due.
/// </summary>
internal sealed class ScheduleMonitor(TableClient table, string hostId)
{
    public const string TableName = "LocalHostTimerStatus";

    public async Task<ScheduleStatus?> ReadAsync(string function, string schedule, CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(hostId, function, cancellationToken: cancellationToken).ConfigureAwait(false);
        // A status written under another schedule says nothing about this one.
        if (!row.HasValue || row.Value!.GetString("Schedule") != schedule)
            return null;
        return new ScheduleStatus
        {
            Last = row.Value.GetDateTimeOffset("Last")?.UtcDateTime ?? default,
            Next = row.Value.GetDateTimeOffset("Next")?.UtcDateTime ?? default,
            LastUpdated = row.Value.GetDateTimeOffset("LastUpdated")?.UtcDateTime ?? default,
        };
    }

    public async Task WriteAsync(string function, string schedule, ScheduleStatus status, CancellationToken cancellationToken)
    {
        var row = new TableEntity(hostId, function)
        {
            ["Schedule"] = schedule,
            ["Last"] = status.Last == default ? null : new DateTimeOffset(status.Last, TimeSpan.Zero),
            ["Next"] = new DateTimeOffset(status.Next, TimeSpan.Zero),
            ["LastUpdated"] = new DateTimeOffset(status.LastUpdated, TimeSpan.Zero),
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
