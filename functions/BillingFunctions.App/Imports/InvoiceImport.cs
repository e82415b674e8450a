using System.Globalization;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Http;
using BillingFunctions.App.Invoices;
using BillingFunctions.Domain.Invoices;
using Column = BillingFunctions.App.Invoices.InvoiceCsv;

namespace BillingFunctions.App.Imports;

/// <summary>
/// Draft invoices from <c>invoices.csv</c> (docs/CSV.md): an invoice is its consecutive rows with one external id, a
/// line each, its own columns read from the first. Checked as POST /invoices checks a request (the customer must exist,
/// in its currency; the owner defaults to the customer's), each line on its own so an error names its row. Every
/// invoice is created as a draft: what an export says it became (status, number, amounts paid) is not imported.
/// </summary>
public sealed class InvoiceImport(InvoiceStore store, TimeProvider time) : RecordImport
{
    public override string Kind => "invoices";

    public override IReadOnlyList<string> Columns => Column.ImportColumns;

    public override IReadOnlyList<string> Required => [Column.ExternalId, Column.CustomerExternalId, Column.LineUnitAmount];

    public override bool Continues(ImportCsvRow first, ImportCsvRow next) => first[Column.ExternalId] == next[Column.ExternalId];

    public override async Task<RecordCheck> CheckAsync(ImportScope scope, ImportRecord record, CancellationToken cancellationToken)
    {
        var first = record.Rows[0];
        var id = new InvoiceId(ImportIds.For("inv", record.ExternalId));
        if (await store.GetAsync(scope.Tenant, id, cancellationToken) is not null) return new RecordCheck.Exists();

        var errors = new List<ImportRowError>();
        void Error(ImportCsvRow row, string? column, string reason) => errors.Add(new(row.Line, column, reason));
        if (first[Column.CustomerExternalId] is not { } customerExternalId)
            return new RecordCheck.Invalid([new(first.Line, Column.CustomerExternalId, "An invoice needs its customer's external id.")]);
        var customer = await scope.CustomerAsync(new CustomerId(ImportIds.For("cus", customerExternalId)), cancellationToken);
        if (customer is null)
            return new RecordCheck.Invalid(
                [new(first.Line, Column.CustomerExternalId, $"There is no customer {customerExternalId}; import customers first.")]);

        if (first[Column.Currency] is { } code && (!Domain.Monetary.Currency.TryParse(code, out var currency) || currency != customer.Currency))
            Error(first, Column.Currency, $"Customer {customerExternalId} is billed in {customer.Currency}, not {code}.");
        var ownerId = first[Column.OwnerId] ?? customer.Owner.Value;
        var owner = await scope.OwnerAsync(ownerId, cancellationToken);
        if (owner is null) Error(first, Column.OwnerId, $"There is no user {ownerId} in this tenant's directory.");
        var collection = first[Column.CollectionMethod] switch
        {
            null or "send_invoice" => Domain.Invoices.CollectionMethod.SendInvoice,
            "charge_automatically" => Domain.Invoices.CollectionMethod.ChargeAutomatically,
            _ => (Domain.Invoices.CollectionMethod?)null,
        };
        if (collection is null) Error(first, Column.CollectionMethod, "collection_method is send_invoice or charge_automatically.");
        var daysUntilDue = Whole(first, Column.DaysUntilDue, errors, int.MaxValue);
        DateOnly? dueDate = null;
        // An export of a finalized invoice has both; the draft made here takes its days and gets a date when finalized.
        if (daysUntilDue is null && first[Column.DueDate] is { } due)
        {
            if (DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && BusinessDates.Contains(date))
                dueDate = date;
            else
                Error(first, Column.DueDate, $"due_date is a date, yyyy-MM-dd, {BusinessDates.Range}.");
        }
        var labels = (first[Column.Labels] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var label in labels)
            if (Label.Create(label) is { IsSuccess: false } refused) Error(first, Column.Labels, refused.Error!.Message);
        var now = time.GetUtcNow();
        var today = scope.Tenant.Calendar.Today(now);
        if (dueDate < today) Error(first, Column.DueDate, "The due date is in the past.");

        var lines = new List<NewInvoiceLine>();
        foreach (var row in record.Rows)
        {
            var errorsBefore = errors.Count;
            var unitAmount = Whole(row, Column.LineUnitAmount, errors);
            var quantity = Whole(row, Column.LineQuantity, errors) ?? 1;
            var taxRate = Whole(row, Column.LineTaxRate, errors, int.MaxValue);
            if (unitAmount is null && errors.Count == errorsBefore)
                Error(row, Column.LineUnitAmount, "Every line needs a unit amount in minor units.");
            if (errors.Count > errorsBefore) continue;
            var line = new NewInvoiceLine(row[Column.LineDescription], quantity, unitAmount!.Value, taxRate is null ? null : (int)taxRate);
            // The line alone on a draft: what is wrong with it is said on its own row.
            var alone = Invoice.CreateDraft(new NewInvoice(id, customer.Id, customer.Owner, null, customer.Currency,
                Domain.Invoices.CollectionMethod.SendInvoice, null, null, [line], []), now, today);
            if (!alone.IsSuccess) Error(row, null, alone.Error!.Message);
            else lines.Add(line);
        }
        if (errors.Count > 0 || owner is null || collection is null) return new RecordCheck.Invalid(errors);

        var draft = Invoice.CreateDraft(new NewInvoice(id, customer.Id, owner.Id, owner.Team, customer.Currency, collection.Value, dueDate,
            daysUntilDue is null ? null : (int)daysUntilDue, lines, labels), now, today);
        return draft.IsSuccess
            ? new RecordCheck.Ready(draft.Value.ToSnapshot())
            : new RecordCheck.Invalid([new(first.Line, null, draft.Error!.Message)]);
    }

    public override Task<bool> WriteAsync(ImportScope scope, object plan, CancellationToken cancellationToken)
    {
        var snapshot = (InvoiceSnapshot)plan;
        var invoice = Invoice.Restore(snapshot);
        var audit = new AuditEntry(time.GetUtcNow(), scope.Importer.Value, "imported",
            $"{snapshot.Lines.Count} lines, {invoice.Total.Minor} {snapshot.Currency}", snapshot.Id, snapshot.Customer);
        return store.CreateAsync(scope.Tenant, snapshot, audit, cancellationToken);
    }

    /// <summary>A whole number (an amount in minor units, a count); null when the field is empty or, with an error, not one.</summary>
    private static long? Whole(ImportCsvRow row, string column, List<ImportRowError> errors, long largest = long.MaxValue)
    {
        if (row[column] is not { } text) return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= -largest && value <= largest)
            return value;
        errors.Add(new(row.Line, column, $"{column} is a whole number (amounts in minor units: 1250 for 12.50), not '{text}'."));
        return null;
    }
}
