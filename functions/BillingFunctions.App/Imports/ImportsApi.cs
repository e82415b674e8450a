using BillingFunctions.App.Customers;
using BillingFunctions.App.Http;
using BillingFunctions.App.Tenancy;

namespace BillingFunctions.App.Imports;

/// <summary>
/// POST <c>/api/v1/imports/customers</c> and <c>/imports/invoices</c> with a <c>text/csv</c> body (docs/CSV.md), and
/// GET <c>/imports/{importId}</c>; finance and admins. The whole file is checked before anything is written: a dry run
/// answers the check; a real run with a bad row is a 400 <c>invalid-csv</c> problem listing every one, and writes
/// nothing; a good file is stored, queued for <see cref="RunImportFunction"/> and answered 202 with its status.
/// </summary>
public static class ImportsApi
{
    /// <summary>The largest file taken: some 50,000 invoice lines, and a few minutes of one queue function.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    public static void MapImports(this IEndpointRouteBuilder api)
    {
        var imports = api.MapGroup("/imports").RequireAuthorization(Policies.Finance).WithTags("Imports");
        imports.MapPost("/customers", (CsvFileRequest file, Caller caller, CustomerImport kind, ImportStarter starter, CancellationToken ct,
                bool dryRun = false) => starter.StartAsync(caller, kind, file, dryRun, ct))
            .WithName("ImportCustomers").WithDescription("Customers from a CSV file (docs/CSV.md), idempotent by external_id.").TakesCsv();
        imports.MapPost("/invoices", (CsvFileRequest file, Caller caller, InvoiceImport kind, ImportStarter starter, CancellationToken ct,
                bool dryRun = false) => starter.StartAsync(caller, kind, file, dryRun, ct))
            .WithName("ImportInvoices").WithDescription("Draft invoices with their lines from a CSV file (docs/CSV.md), idempotent by " +
                "external_id; their customers exist already.").TakesCsv();
        imports.MapGet("/{importId}", GetAsync).WithName("GetImport").Produces<ImportStatusResponse>();
    }

    /// <summary>A CSV body; 200 with the report for a dry run, 202 with the status for a run; 413 too large, 415 not CSV.</summary>
    private static RouteHandlerBuilder TakesCsv(this RouteHandlerBuilder builder) =>
        builder.Accepts<string>(CsvDownload.ContentType).Produces<ImportDryRunResponse>()
            .Produces<ImportStatusResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<IResult> GetAsync(string importId, Caller caller, ImportStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(caller.Tenant.Id, importId, cancellationToken) is { } status
            ? TypedResults.Ok(status.ToResponse())
            : Problems.NotFound($"import {importId}");
}
