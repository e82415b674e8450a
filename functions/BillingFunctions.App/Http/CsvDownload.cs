using CsvHelper;

namespace BillingFunctions.App.Http;

/// <summary>
/// A CSV file written to the response as its rows are read (docs/CSV.md): the header, then each row as it comes, so an
/// export of a whole tenant never holds more than the page of rows being read. A failure after the first row cuts the
/// file short; the status was sent already, which is why the rows' filters are checked before this result is made.
/// </summary>
public sealed class CsvDownload(string fileName, IReadOnlyList<string> columns, Func<CancellationToken, IAsyncEnumerable<string?[]>> rows)
    : IResult
{
    public const string ContentType = "text/csv";

    /// <summary>
    /// RFC 4180, and a text field that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a CR)
    /// written with a ' in front: finance opens these files in one, and reps type the names and descriptions. An
    /// import takes the ' off again (<see cref="Unguarded"/>), so an exported file imports as it was.
    /// </summary>
    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    /// <summary>A field as it was before <see cref="Options"/> guarded it against formulas.</summary>
    public static string Unguarded(string field) =>
        field.Length > 1 && field[0] == Options.InjectionEscape && Options.InjectionCharacters.Contains(field[1]) ? field[1..] : field;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = ContentType + "; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        var cancellationToken = httpContext.RequestAborted;
        // RFC 4180 as UTF-8, written asynchronously (the response body refuses synchronous writes) whenever the buffer fills.
        await using var csv = CsvWriter.Create(response.Body, Options, leaveOpen: true);
        await csv.WriteRecordAsync([.. columns], cancellationToken);
        await foreach (var row in rows(cancellationToken).WithCancellation(cancellationToken))
            await csv.WriteRecordAsync(row!, cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }
}

/// <summary>How a CSV export is documented.</summary>
public static class CsvDownloadMetadata
{
    /// <summary>200 with a <c>text/csv</c> body (a string schema: its columns are in docs/CSV.md).</summary>
    public static RouteHandlerBuilder ProducesCsv(this RouteHandlerBuilder builder) =>
        builder.Produces<string>(StatusCodes.Status200OK, CsvDownload.ContentType);
}
