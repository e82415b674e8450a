using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Dashboards;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Invoices;

/// <summary>
/// Writes one invoice change as one entity-group transaction: the invoice row (ETag-guarded), its index rows, the
/// summary rows it moves (ETag-guarded), its audit rows and, for Stripe events, the <c>evt|</c> dedupe row.
/// Either all of it lands or none; a lost race answers false and the caller re-reads and decides again. For an API
/// request with an <c>Idempotency-Key</c>, the key's "work done" mark goes in the same transaction. Once it commits,
/// the summary and label index rows it wrote are copied to the tables dashboards and label lists read (<see cref="ReadCopies"/>).
/// </summary>
internal sealed class InvoiceWriter(BillingTables tables, TimeProvider time, ILogger logger)
{
    public static string EventKey(string stripeEventId) => "evt|" + stripeEventId;

    /// <param name="beforeVersion">The stored row's version (0 for rows written before versions, and for a new invoice).</param>
    public async Task<bool> TryWriteAsync(Tenant tenant, InvoiceSnapshot? before, ETag beforeETag, long beforeVersion, InvoiceSnapshot after,
        IEnumerable<AuditEntry> audit, string? stripeEventId, IdempotencyClaim? request, CancellationToken cancellationToken)
    {
        var version = beforeVersion + 1;
        var actions = new List<TableTransactionAction>();
        var row = InvoiceRow.Write(tenant.Id, after);
        row[ReadCopies.Version] = version;
        actions.Add(before is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, beforeETag));

        var index = InvoiceIndex.Rows(tenant.Id, after, tenant.Calendar, version);
        var kept = index.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        var removed = before is null ? [] : InvoiceIndex.Rows(tenant.Id, before, tenant.Calendar, version)
            .Where(r => !kept.Contains(r.RowKey)).ToList();
        actions.AddRange(removed.Select(old => new TableTransactionAction(TableTransactionActionType.Delete, old)));
        actions.AddRange(index.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));

        var deltas = SummaryRows.Deltas(before, after, tenant.Calendar);
        var summaries = await SummaryRows.PlanAsync(tables.Billing, tenant.Id, deltas, cancellationToken);
        actions.AddRange(summaries);
        foreach (var entry in audit) actions.AddRange(AuditRows.Plan(tenant.Id, entry));
        if (stripeEventId is not null)
        {
            if (await PlanEventAsync(tenant, stripeEventId, cancellationToken) is not { } applied) return false;
            actions.Add(applied);
        }
        var work = IdempotencyFilter.InvoiceWork + after.Id.Value;
        var commit = request?.PlanCommit(tenant.Id.Value, work, created: before is null, time.GetUtcNow());
        if (commit is not null) actions.Add(commit);

        if (await TrySubmitAsync(actions, cancellationToken) is not { } etags)
        {
            // Trying again cannot help when a retry took the key over; the work is the taker's now.
            if (commit is not null && await request!.IsLostAsync(tables.Billing, cancellationToken)) throw new IdempotencyClaimLostException();
            return false;
        }
        if (commit is not null)
            request!.Committed(work, before is null,
                etags[^1] ?? throw new InvalidOperationException("The table service answered the idempotency mark without an ETag."));
        await CopyAsync(tenant, summaries, index, removed, version);
        return true;
    }

    /// <summary>
    /// Brings the read copies (dashboard and label tables) up to the change just committed. The change stands
    /// whatever happens here: a copy that fails is logged and left to the next write of that row or to
    /// <see cref="Dashboards.ReadCopyRepair"/>, and a caller that stops waiting does not stop it halfway.
    /// </summary>
    private async Task CopyAsync(Tenant tenant, List<TableTransactionAction> summaries, IReadOnlyList<TableEntity> index,
        IReadOnlyList<TableEntity> removed, long version)
    {
        var labels = index.Where(InvoiceIndex.IsLabelRow).Select(InvoiceIndex.LabelCopy)
            .Concat(removed.Where(InvoiceIndex.IsLabelRow).Select(r => ReadCopies.Tombstone(tenant.Id.Value,
                InvoiceIndex.LabelCopyKey(r.RowKey), version)))
            .ToList();
        try
        {
            await Task.WhenAll(ReadCopies.CopyAsync(tables.Dashboards, SummaryRows.Copies(summaries), CancellationToken.None),
                ReadCopies.CopyAsync(tables.InvoiceLabels, labels, CancellationToken.None));
        }
        catch (Exception e) when (e is RequestFailedException or InvalidOperationException)
        {
            logger.LogWarning(e, "Copying the read rows of a change in tenant {TenantId} failed; the repair timer will bring them up to date",
                tenant.Id);
        }
    }

    /// <summary>Records an event that changed nothing (stale or already known), so its redelivery is skipped early.</summary>
    public async Task<bool> TryRecordEventAsync(Tenant tenant, string stripeEventId, CancellationToken cancellationToken) =>
        await PlanEventAsync(tenant, stripeEventId, cancellationToken) is { } applied
            && await TrySubmitAsync([applied], cancellationToken) is not null;

    public async Task<bool> IsEventAppliedAsync(Tenant tenant, string stripeEventId, CancellationToken cancellationToken) =>
        await tables.Billing.GetEntityOrNullAsync(tenant.Id.Value, EventKey(stripeEventId), ["AppliedAt"], cancellationToken)
            is { } row && row.GetDateTimeOffset("AppliedAt") is not null;

    /// <summary>
    /// The webhook stored the raw event at <c>evt|{id}</c>; applying it stamps <c>AppliedAt</c> on that row, guarded by
    /// its ETag, in the same transaction as the effect. (An event that arrives without the webhook, e.g. from a
    /// reconciliation, gets the row here.) Null when the event is applied already.
    /// </summary>
    private async Task<TableTransactionAction?> PlanEventAsync(Tenant tenant, string stripeEventId, CancellationToken cancellationToken)
    {
        var stored = await tables.Billing.GetEntityOrNullAsync(tenant.Id.Value, EventKey(stripeEventId), ["AppliedAt"], cancellationToken);
        var applied = new TableEntity(tenant.Id.Value, EventKey(stripeEventId)) { ["AppliedAt"] = time.GetUtcNow() };
        if (stored is null) return new TableTransactionAction(TableTransactionActionType.Add, applied);
        if (stored.GetDateTimeOffset("AppliedAt") is not null) return null;
        return new TableTransactionAction(TableTransactionActionType.UpdateMerge, applied, stored.ETag);
    }

    /// <returns>The new ETags, in the order of the actions (none for a delete); null when a race was lost.</returns>
    private async Task<IReadOnlyList<ETag?>?> TrySubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count > StorageExtensions.MaxTransactionActions)
            throw new InvalidOperationException($"One invoice change needs {actions.Count} table operations, more than one transaction holds.");
        try
        {
            var responses = await tables.Billing.SubmitTransactionAsync(actions, cancellationToken);
            // A delete answers without one.
            return responses.Value.Select(r => r.Headers.ETag).ToList();
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            // 412: the invoice or a summary row changed since we read it; 409: someone inserted a row we meant to
            // add (a summary row, the invoice, the event); 404: a row we meant to replace is gone.
            return null;
        }
    }
}
