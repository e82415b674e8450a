namespace BillingFunctions.App.Imports;

/// <summary>A record of an import file: a customer's row, or an invoice's consecutive rows.</summary>
public sealed record ImportRecord(string ExternalId, IReadOnlyList<ImportCsvRow> Rows)
{
    public long Line => Rows[0].Line;
}

/// <summary>What checking a record came to: ready to write (with what to write), there already, or its bad rows.</summary>
public abstract record RecordCheck
{
    public sealed record Ready(object Plan) : RecordCheck;
    public sealed record Exists : RecordCheck;
    public sealed record Invalid(IReadOnlyList<ImportRowError> Errors) : RecordCheck;
}

/// <summary>
/// One kind of import (customers, invoices): its columns, how its rows make records, and how a record is checked and
/// written. The same check runs for a dry run, before a real run is accepted, and again as the queued run writes, since
/// the tenant may have changed in between.
/// </summary>
public abstract class RecordImport
{
    /// <summary>"customers" or "invoices": the route's last segment and the status's kind.</summary>
    public abstract string Kind { get; }

    /// <summary>The columns the import reads.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>The columns a file's header must name.</summary>
    public abstract IReadOnlyList<string> Required { get; }

    /// <summary>Whether <paramref name="next"/> continues the record <paramref name="first"/> started.</summary>
    public virtual bool Continues(ImportCsvRow first, ImportCsvRow next) => false;

    public abstract Task<RecordCheck> CheckAsync(ImportScope scope, ImportRecord record, CancellationToken cancellationToken);

    /// <summary>Writes a checked record; false when it was there already (written meanwhile by another run).</summary>
    /// <exception cref="ImportWriteException">The record could not be written, for a reason the caller hears.</exception>
    public abstract Task<bool> WriteAsync(ImportScope scope, object plan, CancellationToken cancellationToken);
}

/// <summary>A record that could not be written (Stripe refused it, say), for a reason the import's status lists.</summary>
public sealed class ImportWriteException(string? column, string reason) : Exception(reason)
{
    public string? Column => column;
}
