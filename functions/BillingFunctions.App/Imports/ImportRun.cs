namespace BillingFunctions.App.Imports;

/// <summary>
/// One pass over an import file, record by record: checking every record and writing nothing (a dry run, and the check
/// before a real run is accepted), or checking and writing each (the queued run), with progress saved as it goes.
/// </summary>
public static class ImportRun
{
    /// <summary>Bad rows listed in a report; the count covers them all.</summary>
    public const int MaxReportedErrors = 1000;

    /// <summary>Records between two saves of a run's progress.</summary>
    public const int RecordsPerSave = 25;

    /// <summary>The report of a dry run; <c>HeaderRefused</c> when the file is not one of this kind at all.</summary>
    public static async Task<(ImportDryRunResponse Report, bool HeaderRefused)> CheckAsync(RecordImport kind, ImportScope scope, Stream file,
        CancellationToken cancellationToken)
    {
        var (opened, headerErrors) = await ImportFile.OpenAsync(file, kind, cancellationToken);
        if (opened is null) return (new ImportDryRunResponse(kind.Kind, 0, 0, 0, 1, headerErrors), true);
        await using var records = opened;
        var errors = new List<ImportRowError>();
        var badLines = new HashSet<long>();
        void Add(IEnumerable<ImportRowError> found)
        {
            foreach (var error in found)
            {
                badLines.Add(error.Line);
                if (errors.Count < MaxReportedErrors) errors.Add(ImportRowError.Shortened(error));
            }
        }

        long count = 0, existing = 0;
        while (await records.NextAsync(cancellationToken) is var (record, problem))
        {
            count++;
            if (problem is not null)
            {
                Add([problem]);
                continue;
            }
            switch (await kind.CheckAsync(scope, record, cancellationToken))
            {
                case RecordCheck.Exists: existing++; break;
                case RecordCheck.Invalid invalid: Add(invalid.Errors); break;
            }
        }
        if (records.Unreadable is { } unreadable) Add([unreadable]);
        return (new ImportDryRunResponse(kind.Kind, records.RowsRead, count, existing, badLines.Count, errors), false);
    }

    /// <summary>
    /// Writes the file's records, going on after the <see cref="ImportStatus.Records"/> an earlier attempt dealt with, and
    /// returns the finished status. Each record is checked again first: the tenant may have changed since the file was
    /// accepted. A record that exists is skipped; one that fails is counted with its reasons, and the run goes on.
    /// </summary>
    public static async Task<ImportStatus> ExecuteAsync(RecordImport kind, ImportScope scope, Stream file, ImportStatus status,
        Func<ImportStatus, Task> save, CancellationToken cancellationToken)
    {
        var (opened, headerErrors) = await ImportFile.OpenAsync(file, kind, cancellationToken);
        if (opened is null) return status.FailedWith(headerErrors) with { State = ImportStatus.Done };
        await using var records = opened;
        var done = status.Records;
        long index = 0;
        while (await records.NextAsync(cancellationToken) is var (record, problem))
        {
            if (++index <= done) continue;
            status = await WriteAsync(kind, scope, record, problem, status, cancellationToken) with
            {
                Records = index, RowsRead = records.RowsRead,
            };
            if (index % RecordsPerSave == 0) await save(status);
        }
        if (records.Unreadable is { } unreadable) status = status.FailedWith([unreadable]);
        return status with { RowsRead = records.RowsRead, State = ImportStatus.Done };
    }

    private static async Task<ImportStatus> WriteAsync(RecordImport kind, ImportScope scope, ImportRecord record, ImportRowError? problem,
        ImportStatus status, CancellationToken cancellationToken)
    {
        if (problem is not null) return status.FailedWith([problem]);
        switch (await kind.CheckAsync(scope, record, cancellationToken))
        {
            case RecordCheck.Invalid invalid:
                return status.FailedWith(invalid.Errors);
            case RecordCheck.Ready ready:
                try
                {
                    return await kind.WriteAsync(scope, ready.Plan, cancellationToken)
                        ? status with { Created = status.Created + 1 }
                        : status with { Duplicates = status.Duplicates + 1 };
                }
                catch (ImportWriteException e)
                {
                    return status.FailedWith([new ImportRowError(record.Line, e.Column, e.Message)]);
                }
            default:
                return status with { Duplicates = status.Duplicates + 1 };
        }
    }
}
