using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Audit;
using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Subscriptions;

/// <summary>A stored subscription with the ETag it was read at and the renewal that holds its current period, if any.</summary>
public sealed record StoredSubscription(SubscriptionSnapshot Subscription, ETag ETag, string? RenewingInstance);

/// <summary>
/// Subscriptions as rows in the tenant's partition of the billing table. Every write is ETag-guarded and carries its
/// audit rows in the same transaction; changes read, decide on the domain object and write, retrying on a lost race.
/// Thread-safe; the API, the renewal process and dunning all change subscriptions through it.
/// </summary>
public class SubscriptionStore(BillingTables tables, TimeProvider time)
{
    private const int MaxAttempts = 25;

    public virtual async Task<StoredSubscription?> GetAsync(TenantId tenant, SubscriptionId id, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(id.Value)) return null;
        var row = await tables.Billing.GetEntityOrNullAsync(tenant.Value, SubscriptionRow.Key(id), cancellationToken: cancellationToken);
        return row is null ? null : new(SubscriptionRow.Read(row), row.ETag, SubscriptionRow.RenewingInstance(row));
    }

    /// <summary>
    /// Writes a new subscription (<paramref name="before"/> null) or a changed one; false when it exists already or
    /// changed since <paramref name="before"/> was read. <paramref name="extra"/> joins the same transaction.
    /// </summary>
    public virtual async Task<bool> TrySaveAsync(TenantId tenant, StoredSubscription? before, SubscriptionSnapshot after,
        string? renewingInstance, IEnumerable<AuditEntry> audit, IEnumerable<TableTransactionAction> extra, CancellationToken cancellationToken)
    {
        var row = SubscriptionRow.Write(tenant, after, renewingInstance);
        List<TableTransactionAction> actions =
        [
            before is null ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, before.ETag),
            .. audit.SelectMany(a => AuditRows.Plan(tenant, a)),
            .. extra,
        ];
        try
        {
            await tables.Billing.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored subscription (its result is the audit detail) and saves it;
    /// null when there is no such subscription. A refusal writes nothing and comes back as the error.
    /// </summary>
    public virtual async Task<Result<SubscriptionSnapshot>?> ChangeAsync(TenantId tenant, SubscriptionId id, string actor, string action,
        Func<Subscription, Result<string>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await GetAsync(tenant, id, cancellationToken) is not { } before) return null;
            var subscription = Subscription.Restore(before.Subscription);
            var changed = change(subscription);
            if (!changed.IsSuccess) return changed.Error!;
            var after = subscription.ToSnapshot();
            var audit = new AuditEntry(time.GetUtcNow(), actor, action, $"{id}: {changed.Value}", null, after.Customer);
            if (await TrySaveAsync(tenant, before, after, before.RenewingInstance, [audit], [], cancellationToken)) return after;
            await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
        }
        throw new InvalidOperationException($"Subscription {id} kept changing; gave up after {MaxAttempts} attempts.");
    }

    /// <summary>
    /// Pauses billing from <paramref name="at"/> (dunning does this when a customer's retries are exhausted). Idempotent:
    /// a subscription that is already paused, canceled, trialing or missing is left alone. True when it was paused now.
    /// </summary>
    public virtual async Task<bool> PauseAsync(TenantId tenant, SubscriptionId id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var outcome = await ChangeAsync(tenant, id, "system", "subscription.paused", s =>
            s.Status == SubscriptionStatus.Active ? s.Pause(at) is { IsSuccess: false } refused ? refused.Error! : "paused"
            : DomainError.IllegalTransition($"The subscription is {s.Status}."), cancellationToken);
        return outcome is { IsSuccess: true };
    }

    /// <summary>The tenant's subscriptions of one customer (a range read of the tenant's subscriptions, filtered).</summary>
    public virtual async Task<IReadOnlyList<SubscriptionSnapshot>> ListForCustomerAsync(TenantId tenant, CustomerId customer,
        CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {tenant.Value} and RowKey ge {SubscriptionRow.Prefix} and RowKey lt {SubscriptionRow.PrefixEnd}")
            + TableClient.CreateQueryFilter($" and CustomerId eq {customer.Value}");
        var list = new List<SubscriptionSnapshot>();
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            list.Add(SubscriptionRow.Read(row));
        return list;
    }
}
