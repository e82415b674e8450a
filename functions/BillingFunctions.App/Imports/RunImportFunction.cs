using BillingFunctions.App.Customers;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Tenancy;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Imports;

/// <summary>
/// Queue function on <c>csv-imports</c>: runs one accepted import over its stored file, saving its progress as it goes,
/// then drops the file. A message that comes again goes on where the last attempt saved; one for a finished import does
/// nothing. A failure that is not a record's (storage, Stripe unreachable) fails the message, so the host retries it and
/// in the end moves it to <c>csv-imports-poison</c>, the status showing how far it got.
/// </summary>
public static class RunImportFunction
{
    [Function("run-csv-import")]
    public static Task RunAsync(
        [QueueTrigger(ImportMessage.QueueName, Connection = AppSettings.StorageConnectionSetting)] string message, FunctionContext context,
        CancellationToken cancellationToken) =>
        context.InstanceServices.GetRequiredService<ImportRunner>().RunAsync(ImportMessage.Parse(message), cancellationToken);
}

/// <summary>What <see cref="RunImportFunction"/> does, for a message.</summary>
public sealed partial class ImportRunner(ImportStore store, TenantDirectory tenants, UserDirectory users, CustomerStore customers,
    IEnumerable<RecordImport> kinds, TimeProvider time, ILogger<ImportRunner> logger)
{
    public async Task RunAsync(ImportMessage message, CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(message.Tenant);
        var status = await store.GetAsync(tenantId, message.ImportId, cancellationToken)
            ?? throw new InvalidOperationException($"Import {message.ImportId} of tenant {message.Tenant} is not stored.");
        if (status.State == ImportStatus.Done) return;
        var tenant = await tenants.GetAsync(tenantId, cancellationToken)
            ?? throw new InvalidOperationException($"Tenant {message.Tenant} of import {message.ImportId} does not exist.");
        var kind = kinds.Single(k => k.Kind == status.Kind);
        var scope = new ImportScope(tenant, new UserId(status.StartedBy), users, customers);

        status = status with { State = ImportStatus.Running };
        await store.SaveAsync(tenantId, status, cancellationToken);
        await using (var file = store.OpenFile(tenantId, status.Id))
        {
            status = await ImportRun.ExecuteAsync(kind, scope, file, status, s => store.SaveAsync(tenantId, s, cancellationToken),
                cancellationToken) with { CompletedAt = time.GetUtcNow() };
        }
        await store.SaveAsync(tenantId, status, cancellationToken);
        await store.DeleteFileAsync(tenantId, status.Id, cancellationToken);
        LogDone(logger, status.Kind, status.Id, message.Tenant, status.RowsRead, status.Created, status.Duplicates, status.Failed);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Import {Kind} {ImportId} of tenant {Tenant}: {Rows} rows, {Created} created, {Duplicates} duplicates, {Failed} failed")]
    private static partial void LogDone(ILogger logger, string kind, string importId, string tenant, long rows, long created, long duplicates,
        long failed);
}
