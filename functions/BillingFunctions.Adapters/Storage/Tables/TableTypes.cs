using Azure;

namespace BillingFunctions.Adapters.Storage;

/// <summary>How an update treats properties the sent entity does not carry.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep properties that are not sent.</summary>
    Merge,

    /// <summary>Drop properties that are not sent.</summary>
    Replace,
}

/// <summary>What one operation in an entity-group transaction does.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails the transaction when the entity exists.</summary>
    Add,

    /// <summary>Merge into an existing entity (ETag checked when given, else any version).</summary>
    UpdateMerge,

    /// <summary>Replace an existing entity (ETag checked when given, else any version).</summary>
    UpdateReplace,

    /// <summary>Insert or merge.</summary>
    UpsertMerge,

    /// <summary>Insert or replace.</summary>
    UpsertReplace,

    /// <summary>Delete an existing entity (ETag checked when given, else any version).</summary>
    Delete,
}

/// <summary>One operation of an entity-group transaction.</summary>
/// <param name="ActionType">What to do.</param>
/// <param name="Entity">The entity (for Delete only its keys matter).</param>
/// <param name="ETag">For updates and deletes: the version that must still be current; default means any.</param>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag ETag = default);

/// <summary>One page of a query.</summary>
/// <param name="Items">The entities on this page.</param>
/// <param name="ContinuationToken">Opaque token for the next page; null on the last page.</param>
public sealed record TablePage(IReadOnlyList<TableEntity> Items, string? ContinuationToken);

/// <summary>An entity-group transaction failed; nothing in it was written.</summary>
public class TableTransactionFailedException : RequestFailedException
{
    /// <summary>Creates the exception for the operation at <paramref name="failedIndex"/>.</summary>
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedIndex)
        : base(status, message, errorCode, null)
    {
        FailedTransactionActionIndex = failedIndex;
    }

    /// <summary>The zero-based index of the operation the service rejected, when it said.</summary>
    public int? FailedTransactionActionIndex { get; }
}
