using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Hosting.Timers;

namespace BillingFunctions.App.Hosting.LocalTriggers;

/// <summary>
/// Keeps each timer's last and next occurrence in the <c>timerstatus</c> table, like the host's schedule monitor
/// keeps them in blob storage, so that an occurrence missed while the app was down fires once, past due, at start.
/// </summary>
internal class ScheduleMonitor(StorageAccounts storage)
{
    public const string TableName = StorageAccounts.TimerStatusTable;
    private const string StatusRow = "status";

    private TableClient Table => storage.GetTableService().GetTableClient(TableName);

    public virtual async Task<ScheduleStatus?> GetStatusAsync(string timerName, CancellationToken cancellationToken)
    {
        var entity = await Table.GetEntityOrNullAsync(timerName, StatusRow, cancellationToken: cancellationToken);
        if (entity?.GetDateTimeOffset("Next") is not { } next) return null;
        return new ScheduleStatus(
            entity.GetDateTimeOffset("Last") ?? DateTimeOffset.MinValue,
            next,
            entity.GetDateTimeOffset("LastUpdated") ?? next);
    }

    public virtual async Task UpdateStatusAsync(string timerName, ScheduleStatus status, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(timerName, StatusRow)
        {
            ["Next"] = status.Next,
            ["LastUpdated"] = status.LastUpdated,
        };
        // Table storage cannot hold DateTimeOffset.MinValue (it starts at 1601); a timer that never ran has no Last.
        if (status.Last > DateTimeOffset.MinValue) entity["Last"] = status.Last;
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// How late the recorded next occurrence is at <paramref name="now"/> (zero when not late), and the status to
    /// run with. As the host does: with no record, nothing is late; when the schedule changed since the record was
    /// written (the recorded next is not what the schedule now says), the record is reset rather than reported late.
    /// </summary>
    public virtual async Task<(TimeSpan PastDue, ScheduleStatus Status)> CheckPastDueAsync(
        string timerName, DateTimeOffset now, CronSchedule schedule, ScheduleStatus? lastStatus, CancellationToken cancellationToken)
    {
        if (lastStatus is null)
        {
            var fresh = new ScheduleStatus(DateTimeOffset.MinValue, schedule.GetNextOccurrence(now) ?? DateTimeOffset.MaxValue, now);
            await UpdateStatusAsync(timerName, fresh, cancellationToken);
            return (TimeSpan.Zero, fresh);
        }

        var expectedNext = lastStatus.Last > DateTimeOffset.MinValue ? schedule.GetNextOccurrence(lastStatus.Last) : lastStatus.Next;
        if (expectedNext != lastStatus.Next)
        {
            var reset = lastStatus with { Next = schedule.GetNextOccurrence(now) ?? DateTimeOffset.MaxValue, LastUpdated = now };
            await UpdateStatusAsync(timerName, reset, cancellationToken);
            return (TimeSpan.Zero, reset);
        }

        return (now > lastStatus.Next ? now - lastStatus.Next : TimeSpan.Zero, lastStatus);
    }
}
