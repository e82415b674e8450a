using Azure.Data.Tables;
using BillingFunctions.App.Http;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Subscriptions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Subscriptions;

/// <summary>
/// Finds every subscription whose next renewal is due by the app's clock (time travel included) and starts its
/// renewal. The instance id is the subscription and period, so starting one twice (two timers, the previous renewal
/// starting it too) is a no-op. A subscription whose previous period is still held by its renewal is skipped: that
/// renewal starts the next one when it lets go, which keeps the periods in order.
/// </summary>
public sealed class DueRenewals(BillingTables tables, TenantDirectory tenants, TimeProvider time)
{
    private const int ConcurrentStarts = 8;

    /// <summary>Starts the due renewals of every tenant; returns how many it started (existing ones not counted).</summary>
    public async Task<int> StartDueAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var started = 0;
        await foreach (var tenant in tenants.ListAsync(cancellationToken))
            started += await StartDueAsync(durable, tenant.Id.Value, cancellationToken);
        return started;
    }

    public async Task<int> StartDueAsync(DurableTaskClient durable, string tenant, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {tenant} and RowKey ge {SubscriptionRow.Prefix} and RowKey lt {SubscriptionRow.PrefixEnd} and NextRenewalAt le {now}");
        var started = 0;
        var rows = tables.Billing.QueryAsync<TableEntity>(filter, select: ["SubscriptionId", "NextRenewalAt", "RenewingInstance"],
            cancellationToken: cancellationToken);
        // A few at once: each start is a read and a write on the task hub, and after downtime thousands can be due.
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentStarts, CancellationToken = cancellationToken },
            async (row, ct) =>
            {
                if (row.GetString("RenewingInstance") is { Length: > 0 }) return;
                var renewal = RenewalState.Start(new SubscriptionId(row.GetString("SubscriptionId")!), row.GetDateTimeOffset("NextRenewalAt")!.Value);
                if (await ProcessInstances.StartAsync(durable, RenewalKind.Instance, tenant, renewal.InstanceId, renewal, renewal.DueAt, now, ct))
                    Interlocked.Increment(ref started);
            });
        return started;
    }
}

/// <summary>Timer: every five minutes, starts the renewals that are due.</summary>
public static class FindDueRenewalsFunction
{
    [Function("find-due-renewals")]
    public static async Task RunAsync([TimerTrigger("30 */5 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable,
        FunctionContext context, CancellationToken cancellationToken)
    {
        var started = await context.InstanceServices.GetRequiredService<DueRenewals>().StartDueAsync(durable, cancellationToken);
        context.GetLogger(nameof(FindDueRenewalsFunction)).LogInformation("Started {Count} due renewals", started);
    }
}
