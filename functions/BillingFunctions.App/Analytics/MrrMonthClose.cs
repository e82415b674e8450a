using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Analytics;
using BillingFunctions.Domain.Tenancy;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Analytics;

/// <summary>
/// Daily: closes every month that has ended and is not closed yet (so a day or a week of downtime is caught up), each
/// tenant and currency, into <see cref="MrrMonthRows"/>. A closed month is not written again except by a recompute, which
/// rebuilds all of the tenant's months from the subscriptions' MRR histories.
/// </summary>
public sealed class MrrMonthClose(TenantDirectory tenants, BillingTables tables, AnalyticsQueries queries, TimeProvider time,
    ILogger<MrrMonthClose> logger)
{
    [Function("close-mrr-months")]
    public static Task CloseAsync([TimerTrigger("0 20 2 * * *")] TimerInfo timer, FunctionContext context, CancellationToken cancellationToken) =>
        context.InstanceServices.GetRequiredService<MrrMonthClose>().RunAsync(cancellationToken);

    /// <returns>How many months were closed.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var closed = 0;
        await foreach (var tenant in tenants.ListAsync(cancellationToken))
            closed += await CloseAsync(tenant.Id, recompute: false, cancellationToken);
        if (closed > 0) logger.LogInformation("Closed {Count} MRR months", closed);
        return closed;
    }

    /// <summary>Closes the tenant's ended months; with <paramref name="recompute"/>, first deletes every closed month.</summary>
    /// <returns>How many months were written.</returns>
    public async Task<int> CloseAsync(TenantId tenant, bool recompute, CancellationToken cancellationToken)
    {
        if (recompute) await DeleteClosedAsync(tenant, cancellationToken);
        var done = recompute ? [] : await queries.ClosedMonthsAsync(tenant, cancellationToken);
        var subscriptions = await queries.SubscriptionsAsync(tenant, cancellationToken);
        var lastEnded = AnalyticsMonth.Of(time.GetUtcNow()).Previous;
        var written = 0;
        foreach (var currency in subscriptions.Select(s => s.Plan.Currency).Distinct())
        {
            foreach (var (month, entries) in MrrSeries.Entries(subscriptions, currency, lastEnded))
            {
                if (done.ContainsKey((currency, month))) continue;
                var rows = MrrMonthRows.Write(tenant, currency, month, entries, time.GetUtcNow());
                if (await TryAddAsync(rows, cancellationToken)) written++;
            }
        }
        return written;
    }

    /// <summary>
    /// Writes the parts a hundred to a transaction, part 000 (which says how many there are) last: until every part is
    /// there, readers take the month as not closed. False if another close got there first.
    /// </summary>
    private async Task<bool> TryAddAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var chunk in rows.Reverse().Chunk(100))
            {
                await tables.Dashboards.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)),
                    cancellationToken);
            }
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    private async Task DeleteClosedAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var row in tables.Dashboards.QueryAsync<TableEntity>(StorageExtensions.PrefixFilter(tenant.Value, MrrMonthRows.Prefix),
            select: ["RowKey"], cancellationToken: cancellationToken)) keys.Add(row.RowKey);
        foreach (var chunk in keys.Chunk(100))
        {
            await tables.Dashboards.SubmitTransactionAsync(chunk.Select(key =>
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(tenant.Value, key), ETag.All)), cancellationToken);
        }
    }
}
