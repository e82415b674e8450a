using Azure;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;

namespace BillingFunctions.App.Http;

/// <summary>
/// A running request's hold on its <c>Idempotency-Key</c> row, identified by the row's ETag. A store whose write is
/// the request's work adds <see cref="PlanCommit"/> to that write's transaction, so the work and the mark "this key's
/// work is done" land together or not at all: a retry that finds the mark never runs the work again (whatever became
/// of the answer), and a write after a retry took the key over fails instead of doing the work a second time.
/// </summary>
public sealed class IdempotencyClaim
{
    private static readonly AsyncLocal<IdempotencyClaim?> Running = new();

    internal IdempotencyClaim(string partition, string rowKey, ETag etag)
    {
        Partition = partition;
        RowKey = rowKey;
        ETag = etag;
    }

    /// <summary>The claim of the request running on this call path, if it sent an <c>Idempotency-Key</c>.</summary>
    public static IdempotencyClaim? Current
    {
        get => Running.Value;
        internal set => Running.Value = value;
    }

    public string Partition { get; }
    public string RowKey { get; }
    internal ETag ETag { get; private set; }

    /// <summary>What the committed work made (e.g. <c>invoice:inv_…</c>), for rebuilding the answer if it is lost.</summary>
    internal string? Work { get; private set; }
    internal bool Created { get; private set; }
    public bool WorkCommitted => Work is not null;

    /// <summary>
    /// The action that marks the work done, guarded by the claim's ETag; null when the write is in another partition
    /// (it cannot share the transaction). <paramref name="created"/>: the work made <paramref name="work"/> (201).
    /// </summary>
    public TableTransactionAction? PlanCommit(string partition, string work, bool created, DateTimeOffset now) =>
        partition != Partition ? null : new TableTransactionAction(TableTransactionActionType.UpdateMerge,
            new TableEntity(Partition, RowKey) { ["Work"] = work, ["Created"] = created, ["CommittedAt"] = now }, ETag);

    /// <summary>The transaction holding <see cref="PlanCommit"/> landed; the row has a new ETag.</summary>
    public void Committed(string work, bool created, ETag etag)
    {
        Work = work;
        Created = Created || created;
        ETag = etag;
    }

    internal void Renewed(ETag etag) => ETag = etag;

    /// <summary>True when the row no longer carries this claim's ETag: a retry took the key over.</summary>
    public async Task<bool> IsLostAsync(TableClient table, CancellationToken cancellationToken) =>
        await table.GetEntityOrNullAsync(Partition, RowKey, ["State"], cancellationToken) is not { } row || row.ETag != ETag;
}

/// <summary>A write carrying the claim failed because a retry took the key over; this request must not do the work.</summary>
public sealed class IdempotencyClaimLostException() : Exception("A retry took this request's Idempotency-Key over.");
