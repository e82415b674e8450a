namespace BillingFunctions.App.Imports;

/// <summary>
/// Where a queued import stands, as its status row keeps it. <see cref="Records"/> counts the records dealt with, so a
/// run that starts again after a crash goes on after them; a record written just before the crash is then counted as a
/// duplicate, which it is by then.
/// </summary>
public sealed record ImportStatus(string Id, string Kind, string StartedBy, DateTimeOffset StartedAt)
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";

    /// <summary>Failures listed with their reasons; <see cref="Failed"/> counts them all.</summary>
    public const int MaxListedFailures = 100;

    public string State { get; init; } = Queued;
    public long RowsRead { get; init; }
    public long Records { get; init; }
    public long Created { get; init; }
    public long Duplicates { get; init; }
    public long Failed { get; init; }
    public IReadOnlyList<ImportRowError> Failures { get; init; } = [];
    public DateTimeOffset? CompletedAt { get; init; }

    public ImportStatus FailedWith(IEnumerable<ImportRowError> reasons) => this with
    {
        Failed = Failed + 1,
        Failures = [.. Failures, .. reasons.Take(MaxListedFailures - Failures.Count).Select(ImportRowError.Shortened)],
    };

    public ImportStatusResponse ToResponse() => new(Id, Kind, State, RowsRead, Created, Duplicates, Failed, Failures, StartedBy, StartedAt,
        CompletedAt);
}
