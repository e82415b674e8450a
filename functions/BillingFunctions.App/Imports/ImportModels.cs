namespace BillingFunctions.App.Imports;

/// <summary>What is wrong with a row of an import file: its line in the file (1 is the header), the column, and why.</summary>
public sealed record ImportRowError(long Line, string? Column, string Reason)
{
    /// <summary>The longest reason kept: a reason may quote a bad value, and a row may be long.</summary>
    public const int MaxReasonLength = 300;

    public static ImportRowError Shortened(ImportRowError error) =>
        error.Reason.Length <= MaxReasonLength ? error : error with { Reason = error.Reason[..MaxReasonLength] + "…" };
}

/// <summary>
/// A dry run's report: the rows read, the records they make (a customer is a row, an invoice its consecutive rows), how
/// many of those exist already and would be skipped, and every bad row (<see cref="Errors"/>; at most
/// <see cref="ImportRun.MaxReportedErrors"/> are listed, <see cref="InvalidRows"/> counts them all). Nothing was written.
/// </summary>
public sealed record ImportDryRunResponse(string Kind, long RowsRead, long Records, long AlreadyImported, long InvalidRows,
    IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// Where an import stands: <see cref="State"/> is queued, running or done. Counts are of rows read and of records
/// (customers, or invoices with their lines) created, skipped because their external id was imported already, and
/// failed; <see cref="Failures"/> says why (at most <see cref="ImportStatus.MaxListedFailures"/> are listed).
/// </summary>
public sealed record ImportStatusResponse(string Id, string Kind, string State, long RowsRead, long Created, long SkippedDuplicates,
    long Failed, IReadOnlyList<ImportRowError> Failures, string StartedBy, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt);
