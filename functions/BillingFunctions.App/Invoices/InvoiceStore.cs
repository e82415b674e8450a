using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Invoices;

public abstract record ChangeOutcome
{
    public sealed record Changed(InvoiceSnapshot Invoice) : ChangeOutcome;
    public sealed record Unchanged(InvoiceSnapshot Invoice) : ChangeOutcome;
    public sealed record Rejected(DomainError Error) : ChangeOutcome;
    public sealed record NotFound : ChangeOutcome;
    public sealed record EventAlreadyApplied : ChangeOutcome;
}

/// <summary>
/// Loads invoices and changes them with optimistic concurrency: read with ETag, decide, write everything in one
/// transaction, and on a lost race read again and decide again. The decision runs on fresh state each time, so a
/// webhook and an API call racing on one invoice both land, in some order, and the totals stay right.
/// </summary>
public sealed class InvoiceStore(BillingTables tables, TimeProvider time, ILogger<InvoiceStore> logger)
{
    private const int MaxAttempts = 25;
    private readonly InvoiceWriter _writer = new(tables, time, logger);

    public async Task<(InvoiceSnapshot Invoice, ETag ETag)?> GetAsync(Tenant tenant, InvoiceId id, CancellationToken cancellationToken) =>
        await LoadAsync(tenant, id, cancellationToken) is var (invoice, etag, _) ? (invoice, etag) : null;

    private async Task<(InvoiceSnapshot Invoice, ETag ETag, long Version)?> LoadAsync(Tenant tenant, InvoiceId id,
        CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(id.Value)) return null;
        var row = await tables.Billing.GetEntityOrNullAsync(tenant.Id.Value, InvoiceRow.Key(id), cancellationToken: cancellationToken);
        return row is null ? null : (InvoiceRow.Read(row), row.ETag, ReadCopies.VersionOf(row));
    }

    /// <summary>Stores a new invoice; false when one with its id exists already.</summary>
    /// <param name="request">The API request's Idempotency-Key claim, marked done in the same transaction.</param>
    public Task<bool> CreateAsync(Tenant tenant, InvoiceSnapshot invoice, AuditEntry audit, CancellationToken cancellationToken,
        IdempotencyClaim? request = null) =>
        _writer.TryWriteAsync(tenant, null, default, 0, invoice, [audit], null, request, cancellationToken);

    /// <param name="decide">Runs on freshly loaded state; returns the changes made (none: nothing to write) or a refusal.</param>
    /// <param name="actor">Who is named in the audit rows.</param>
    /// <param name="stripeEventId">For Stripe events: recorded in the same transaction, and a recorded event is skipped.</param>
    /// <param name="request">For API requests with an Idempotency-Key: the key's claim, marked done in the same transaction.</param>
    public async Task<ChangeOutcome> ChangeAsync(Tenant tenant, InvoiceId id, Func<Invoice, Result<IReadOnlyList<InvoiceChange>>> decide,
        string actor, string? stripeEventId, CancellationToken cancellationToken, IdempotencyClaim? request = null)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (stripeEventId is not null && await _writer.IsEventAppliedAsync(tenant, stripeEventId, cancellationToken))
                return new ChangeOutcome.EventAlreadyApplied();
            if (await LoadAsync(tenant, id, cancellationToken) is not var (before, etag, version)) return new ChangeOutcome.NotFound();

            var invoice = Invoice.Restore(before);
            var decided = decide(invoice);
            if (!decided.IsSuccess) return new ChangeOutcome.Rejected(decided.Error!);
            var after = invoice.ToSnapshot();

            if (decided.Value.Count == 0 && after == before)
            {
                if (stripeEventId is null || await _writer.TryRecordEventAsync(tenant, stripeEventId, cancellationToken))
                    return new ChangeOutcome.Unchanged(before);
                continue;
            }

            var now = time.GetUtcNow();
            // A tick apart, so the timeline (newest first by time) keeps the order the changes were made in.
            var audit = decided.Value.Select((c, i) => new AuditEntry(now.AddTicks(i), actor, c.Action, c.Detail, after.Id, after.Customer));
            if (await _writer.TryWriteAsync(tenant, before, etag, version, after, audit, stripeEventId, request, cancellationToken))
                return new ChangeOutcome.Changed(after);

            logger.LogDebug("Invoice {InvoiceId} changed under us (attempt {Attempt}); reading it again", id, attempt);
            await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
        }
        throw new InvalidOperationException($"Invoice {id} kept changing; gave up after {MaxAttempts} attempts.");
    }
}
