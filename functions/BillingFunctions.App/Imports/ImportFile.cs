using CsvHelper;

namespace BillingFunctions.App.Imports;

/// <summary>
/// An import file as records: rows are read one at a time and grouped as the kind says (an invoice's consecutive rows),
/// so a file of any size is read holding one record. A record's external id must be there, and once in the file: a
/// second record with the same id would be skipped as a duplicate without anyone hearing of it.
/// </summary>
public sealed class ImportFile : IAsyncDisposable
{
    private readonly ImportCsvReader _reader;
    private readonly RecordImport _kind;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private ImportCsvRow? _next;

    private ImportFile(ImportCsvReader reader, RecordImport kind) => (_reader, _kind) = (reader, kind);

    /// <summary>Data rows read so far.</summary>
    public long RowsRead { get; private set; }

    /// <summary>Set when a malformed row ended the file early: where and why.</summary>
    public ImportRowError? Unreadable { get; private set; }

    /// <summary>The file after its header, or what is wrong with the header.</summary>
    public static async Task<(ImportFile? File, IReadOnlyList<ImportRowError> HeaderErrors)> OpenAsync(Stream file, RecordImport kind,
        CancellationToken cancellationToken)
    {
        try
        {
            var (reader, missing) = await ImportCsvReader.OpenAsync(file, kind.Columns, kind.Required, cancellationToken);
            return reader is not null
                ? (new ImportFile(reader, kind), [])
                : (null, [.. missing.Select(c => new ImportRowError(1, c, $"The header has no {c} column; docs/CSV.md lists the columns."))]);
        }
        catch (CsvFormatException e)
        {
            return (null, [new ImportRowError(1, null, $"The header is not CSV: {e.Message}")]);
        }
    }

    /// <summary>The next record, with what is wrong with its external id; null at the end of the file (or where it broke off).</summary>
    public async Task<(ImportRecord Record, ImportRowError? Problem)?> NextAsync(CancellationToken cancellationToken)
    {
        var first = _next ?? await ReadAsync(cancellationToken);
        if (first is null) return null;
        var rows = new List<ImportCsvRow> { first };
        while ((_next = await ReadAsync(cancellationToken)) is { } next && _kind.Continues(first, next)) rows.Add(next);

        var externalId = first[ImportIds.Column] ?? "";
        var problem = ImportIds.Problem(first[ImportIds.Column]) is { } why ? new ImportRowError(first.Line, ImportIds.Column, why)
            : !_seen.Add(externalId) ? new ImportRowError(first.Line, ImportIds.Column,
                $"External id {externalId} is in the file already: a record's rows are consecutive, and each external id is one record.")
            : null;
        return (new ImportRecord(externalId, rows), problem);
    }

    private async Task<ImportCsvRow?> ReadAsync(CancellationToken cancellationToken)
    {
        if (Unreadable is not null) return null;
        try
        {
            var row = await _reader.ReadAsync(cancellationToken);
            if (row is not null) RowsRead++;
            return row;
        }
        catch (CsvFormatException e)
        {
            Unreadable = new ImportRowError(e.LineNumber, null, $"The file cannot be read from here on: {e.Message}");
            return null;
        }
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}
