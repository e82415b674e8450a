using BillingFunctions.App.Processes;
using Microsoft.DurableTask.Client;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.MonthEnd;

namespace BillingFunctions.App.MonthEnd;

/// <summary>
/// Read-decide-write for billing entries with ETag retries; a refused change writes nothing. Approval then starts the
/// entry's invoicing process (a second start of the same approval is a no-op; the opener timer starts any an
/// interrupted request left behind).
/// </summary>
public sealed class BillingEntryCommands(MonthEndStore store, TimeProvider time)
{
    /// <summary>Null when there is no such entry or the caller may not see it.</summary>
    /// <param name="durable">The task hub, where an approval starts the invoicing; a change that cannot approve passes none.</param>
    public async Task<Result<BillingEntrySnapshot>?> ChangeAsync(Caller caller, string entryId, string action,
        Func<BillingEntry, DateTimeOffset, Result<string>> change, DurableTaskClient? durable, CancellationToken cancellationToken)
    {
        if (!BillingEntryRow.TryParseId(entryId, out var customer, out var period)) return null;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await store.GetEntryAsync(caller.Tenant.Id, customer, period, cancellationToken) is not var (before, etag)) return null;
            if (!caller.Actor.CanSee(before.Owner, before.OwnerTeam)) return null;
            var entry = BillingEntry.Restore(before);
            var now = time.GetUtcNow();
            var changed = change(entry, now);
            if (!changed.IsSuccess) return changed.Error!;
            var after = entry.ToSnapshot();
            var audit = new AuditEntry(now, caller.Actor.User.Value, action, $"{period}: {changed.Value}", null, customer);
            if (!await store.TryWriteEntryAsync(caller.Tenant.Id, before, etag, after, audit, cancellationToken)) continue;
            if (entry.PendingInvoice is { } request && durable is not null)
                await StartInvoicingAsync(durable, caller.Tenant, request, cancellationToken);
            return after;
        }
        throw new InvalidOperationException($"Billing entry {entryId} kept changing.");
    }

    public async Task StartInvoicingAsync(DurableTaskClient durable, Tenant tenant, MonthEndInvoiceRequest request,
        CancellationToken cancellationToken)
    {
        var initial = MonthEndInvoicingState.Start(request);
        var now = time.GetUtcNow();
        await ProcessInstances.StartAsync(durable, MonthEndInvoicingKind.Instance, tenant.Id.Value, initial.InstanceId, initial, now, now,
            cancellationToken);
    }
}
