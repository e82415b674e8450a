using BillingFunctions.App.Customers;
using BillingFunctions.App.Http;
using BillingFunctions.App.Tenancy;

namespace BillingFunctions.App.Imports;

/// <summary>
/// What a POST to an import route does: reads the file once to check every record, and for a real run of a good file
/// reads it again to store it, then queues the run. The body is buffered (in memory, then in a temporary file) so it
/// can be read twice; nothing is written before the check has passed.
/// </summary>
public sealed class ImportStarter(ImportStore store, ImportQueue queue, UserDirectory users, CustomerStore customers, TimeProvider time)
{
    /// <summary>Kept in memory this far, then in a temporary file.</summary>
    private const int BufferedInMemory = 64 * 1024;

    public async Task<IResult> StartAsync(Caller caller, RecordImport kind, HttpRequest request, bool dryRun, CancellationToken cancellationToken)
    {
        if (!IsCsv(request.ContentType))
            return Problems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The body is not CSV.",
                "Send the file as text/csv; docs/CSV.md describes its columns.");
        if (request.ContentLength > ImportsApi.MaxFileBytes) return TooLarge();
        // No limit of its own: the size is counted where the file is read, and past the limit the read stops.
        request.EnableBuffering(BufferedInMemory);

        var scope = new ImportScope(caller.Tenant, caller.User.Id, users, customers);
        (ImportDryRunResponse Report, bool HeaderRefused) check;
        try
        {
            check = await ImportRun.CheckAsync(kind, scope, new SizeLimitedStream(request.Body, ImportsApi.MaxFileBytes), cancellationToken);
        }
        catch (ImportTooLargeException)
        {
            return TooLarge();
        }
        var report = check.Report;
        if (check.HeaderRefused) return Problems.InvalidCsv($"The file is not a {kind.Kind} import: see errors.", report.Errors);
        if (dryRun) return TypedResults.Ok(report);
        if (report.InvalidRows > 0)
            return Problems.InvalidCsv($"{report.InvalidRows} rows cannot be imported, and nothing was: see errors.", report.Errors);
        if (report.Records == 0) return Problems.InvalidCsv("The file has a header and no rows.", []);

        request.Body.Position = 0;
        var status = new ImportStatus(Ids.New("imp"), kind.Kind, caller.User.Id.Value, time.GetUtcNow());
        await store.SaveFileAsync(caller.Tenant.Id, status.Id, request.Body, cancellationToken);
        await store.SaveAsync(caller.Tenant.Id, status, cancellationToken);
        await queue.EnqueueAsync(new ImportMessage(caller.Tenant.Id.Value, status.Id), cancellationToken);
        return TypedResults.Accepted($"/api/v1/imports/{status.Id}", status.ToResponse());
    }

    private static bool IsCsv(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && string.Equals(media.MediaType.Value, CsvDownload.ContentType, StringComparison.OrdinalIgnoreCase);

    private static IResult TooLarge() => Problems.Problem(StatusCodes.Status413PayloadTooLarge, "csv-too-large", "The file is too large.",
        $"An import file is at most {ImportsApi.MaxFileBytes} bytes; split it, one record's rows staying together.");
}
