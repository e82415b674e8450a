using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Processes;

/// <summary>
/// Process instances in the <c>processes</c> table: partition = tenant, row = instance id; each step's history
/// row (<c>{instance}|{step}</c>) sits in the same partition and is written in one transaction with the state.
/// </summary>
public class ProcessStore(TableClient table)
{
    public const string TableName = "processes";

    public virtual Task CreateTableIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Inserts a new instance; false when the id is taken (a second start).</summary>
    public virtual async Task<bool> AddAsync(ProcessRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public virtual async Task<ProcessRecord?> GetAsync(string tenant, string instanceId, CancellationToken cancellationToken) =>
        await table.GetEntityOrNullAsync(tenant, instanceId, cancellationToken: cancellationToken).ConfigureAwait(false) is { } entity
            ? FromEntity(entity)
            : null;

    /// <summary>Saves a step's outcome if nobody saved since <paramref name="etag"/>; false if someone did.</summary>
    public virtual async Task<bool> SaveStepAsync(ProcessRecord record, ETag etag, ProcessStep step, CancellationToken cancellationToken)
    {
        var history = new TableEntity(record.Tenant, HistoryKey(record.InstanceId, step.Step))
        {
            ["Event"] = step.Event, ["Effects"] = JsonSerializer.Serialize(step.Effects), ["At"] = step.At, ["NextWakeAt"] = step.WakeAt,
        };
        try
        {
            await table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.UpdateReplace, ToEntity(record), etag),
                new(TableTransactionActionType.Add, history),
            ], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 409)
        {
            return false;
        }
    }

    /// <summary>Replaces the instance if unchanged since <paramref name="etag"/> (taking in an external event).</summary>
    public virtual async Task<bool> ReplaceAsync(ProcessRecord record, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(ToEntity(record), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Instances of <paramref name="type"/> whose wake-up is at or before <paramref name="before"/>, across tenants.
    /// A filtered scan: completed instances carry no WakeAt and history rows none either, so only live ones match.
    /// </summary>
    public virtual async IAsyncEnumerable<(string Tenant, string InstanceId, DateTimeOffset WakeAt)> OverdueAsync(string type,
        DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Type eq {type} and WakeAt le {before}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "WakeAt", "Suspended"],
            cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.GetBoolean("Suspended") == true) continue;
            yield return (entity.PartitionKey, entity.RowKey, entity.GetDateTimeOffset("WakeAt")!.Value);
        }
    }

    public virtual async Task<IReadOnlyList<ProcessStep>> HistoryAsync(string tenant, string instanceId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenant} and RowKey gt {instanceId + "|"} and RowKey lt {instanceId + "}"}");
        var steps = new List<ProcessStep>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            steps.Add(new ProcessStep(int.Parse(entity.RowKey[(instanceId.Length + 1)..]), entity.GetDateTimeOffset("At")!.Value,
                entity.GetString("Event")!, JsonSerializer.Deserialize<string[]>(entity.GetString("Effects")!)!,
                entity.GetDateTimeOffset("NextWakeAt")));
        }
        return steps;
    }

    private static string HistoryKey(string instanceId, int step) => $"{instanceId}|{step:D6}";

    private static TableEntity ToEntity(ProcessRecord record)
    {
        var entity = new TableEntity(record.Tenant, record.InstanceId)
        {
            ["Type"] = record.Type, ["State"] = record.State, ["Inbox"] = JsonSerializer.Serialize(record.Inbox),
            ["Seen"] = JsonSerializer.Serialize(record.Seen), ["Step"] = record.Step, ["UpdatedAt"] = record.UpdatedAt,
        };
        if (record.WakeAt is { } wakeAt) entity["WakeAt"] = wakeAt;
        if (record.Failures > 0)
        {
            entity["Failures"] = record.Failures;
            entity["FailingSince"] = record.FailingSince;
            entity["LastError"] = record.LastError;
        }
        if (record.Suspended) entity["Suspended"] = true;
        return entity;
    }

    private static ProcessRecord FromEntity(TableEntity entity) => new()
    {
        Tenant = entity.PartitionKey, InstanceId = entity.RowKey, Type = entity.GetString("Type")!, State = entity.GetString("State")!,
        Inbox = JsonSerializer.Deserialize<InboxEvent[]>(entity.GetString("Inbox") ?? "[]")!,
        Seen = JsonSerializer.Deserialize<string[]>(entity.GetString("Seen") ?? "[]")!,
        Step = entity.GetInt32("Step") ?? 0, WakeAt = entity.GetDateTimeOffset("WakeAt"),
        UpdatedAt = entity.GetDateTimeOffset("UpdatedAt")!.Value, ETag = entity.ETag,
        Failures = entity.GetInt32("Failures") ?? 0, FailingSince = entity.GetDateTimeOffset("FailingSince"),
        LastError = entity.GetString("LastError"), Suspended = entity.GetBoolean("Suspended") ?? false,
    };
}
