using BillingFunctions.App.Customers;
using BillingFunctions.App.Http;
using BillingFunctions.App.Tenancy;

namespace BillingFunctions.App.Imports;

/// <summary>
/// What a POST to an import route does: reads the file (<see cref="CsvFileRequest"/>, buffered) to check every record,
/// and for a real run of a good file reads it again to store it, then queues the run. Nothing is written before the
/// check has passed.
/// </summary>
public sealed class ImportStarter(ImportStore store, ImportQueue queue, UserDirectory users, CustomerStore customers, TimeProvider time)
{
    public async Task<IResult> StartAsync(Caller caller, RecordImport kind, CsvFileRequest file, bool dryRun, CancellationToken cancellationToken)
    {
        if (file.NotCsv)
            return Problems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The body is not CSV.",
                "Send the file as text/csv; docs/CSV.md describes its columns.");
        if (file.TooLarge)
            return Problems.Problem(StatusCodes.Status413PayloadTooLarge, "csv-too-large", "The file is too large.",
                $"An import file is at most {ImportsApi.MaxFileBytes} bytes; split it, one record's rows staying together.");

        var scope = new ImportScope(caller.Tenant, caller.User.Id, users, customers);
        var (report, headerRefused) = await ImportRun.CheckAsync(kind, scope, file.Body, cancellationToken);
        if (headerRefused) return Problems.InvalidCsv($"The file is not a {kind.Kind} import: see errors.", report.Errors);
        if (dryRun) return TypedResults.Ok(report);
        if (report.InvalidRows > 0)
            return Problems.InvalidCsv($"{report.InvalidRows} rows cannot be imported, and nothing was: see errors.", report.Errors);
        if (report.Records == 0) return Problems.InvalidCsv("The file has a header and no rows.", []);

        file.Body.Position = 0;
        var status = new ImportStatus(Ids.New("imp"), kind.Kind, caller.User.Id.Value, time.GetUtcNow());
        await store.SaveFileAsync(caller.Tenant.Id, status.Id, file.Body, cancellationToken);
        await store.SaveAsync(caller.Tenant.Id, status, cancellationToken);
        await queue.EnqueueAsync(new ImportMessage(caller.Tenant.Id.Value, status.Id), cancellationToken);
        return TypedResults.Accepted($"/api/v1/imports/{status.Id}", status.ToResponse());
    }
}
