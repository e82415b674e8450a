using BillingFunctions.App.Http;
using CsvHelper;

namespace BillingFunctions.App.Imports;

/// <summary>One data row of an import file: its line in the file and the values of the columns the import reads.</summary>
public sealed class ImportCsvRow(long line, IReadOnlyDictionary<string, string?> values)
{
    public long Line => line;

    /// <summary>The value of <paramref name="column"/>, trimmed; null when it is empty or the file has no such column.</summary>
    public string? this[string column] => values.GetValueOrDefault(column) is { Length: > 0 } value ? value : null;
}

/// <summary>
/// Reads an import file row by row with CsvHelper (docs/CSV.md): a header naming at least the required columns, then
/// data rows. Columns the import does not read (an export's informational ones) are passed over, so an exported file
/// imports as it is. Malformed quoting or a ragged row ends the file with a <see cref="CsvFormatException"/>.
/// </summary>
public sealed class ImportCsvReader : IAsyncDisposable
{
    /// <summary>The longest row: well above the longest valid one (an invoice line with every field at its maximum).</summary>
    public const int MaxRowBytes = 64 * 1024;

    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns;

    private ImportCsvReader(CsvReader csv, Dictionary<string, int> columns) => (_csv, _columns) = (csv, columns);

    /// <summary>Reads the header: the reader, or the required columns it lacks.</summary>
    public static async Task<(ImportCsvReader? Reader, IReadOnlyList<string> MissingColumns)> OpenAsync(Stream file,
        IReadOnlyList<string> columns, IReadOnlyList<string> required, CancellationToken cancellationToken)
    {
        var csv = CsvReader.Create(file, CsvReaderOptions.Default with
        {
            Separator = ',', TrackLineNumbers = true, TrimWhitespace = true, MaxRecordSize = MaxRowBytes,
            MalformedData = CsvMalformedDataHandling.Throw, FieldCountMismatch = CsvFieldCountHandling.Throw,
        }, leaveOpen: true);
        await csv.ReadHeaderAsync(cancellationToken);
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in columns)
            if (csv.TryGetFieldIndex(column, out var index)) found[column] = index;
        var missing = required.Where(c => !found.ContainsKey(c)).ToList();
        if (missing.Count == 0) return (new ImportCsvReader(csv, found), []);
        await csv.DisposeAsync();
        return (null, missing);
    }

    /// <summary>The next data row; null at the end of the file.</summary>
    /// <exception cref="CsvFormatException">The row is malformed; the file cannot be read past it.</exception>
    public async Task<ImportCsvRow?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await _csv.ReadAsync(cancellationToken)) return null;
        // The reader's fields are valid until the next read: the row keeps copies of those the import reads.
        return new ImportCsvRow(_csv.LineNumber,
            _columns.ToDictionary(c => c.Key, c => (string?)CsvDownload.Unguarded(_csv.GetString(c.Value).Trim())));
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
