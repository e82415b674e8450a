using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Invoices;

namespace BillingFunctions.App.Invoices;

/// <summary>
/// The invoice CSV (docs/CSV.md): a row per invoice line, the invoice's own columns repeated on each. The columns up to
/// the line's are what an import reads; the rest say what the invoice became and an import ignores them.
/// </summary>
internal static class InvoiceCsv
{
    public const string ExternalId = "external_id";
    public const string CustomerExternalId = "customer_external_id";
    public const string OwnerId = "owner_id";
    public const string Currency = "currency";
    public const string CollectionMethod = "collection_method";
    public const string DueDate = "due_date";
    public const string DaysUntilDue = "days_until_due";
    public const string Labels = "labels";
    public const string LineDescription = "line_description";
    public const string LineQuantity = "line_quantity";
    public const string LineUnitAmount = "line_unit_amount";
    public const string LineTaxRate = "line_tax_rate_basis_points";

    /// <summary>What an import reads, in the order an export writes them.</summary>
    public static readonly IReadOnlyList<string> ImportColumns =
        [ExternalId, CustomerExternalId, OwnerId, Currency, CollectionMethod, DueDate, DaysUntilDue, Labels, LineDescription, LineQuantity,
            LineUnitAmount, LineTaxRate];

    public static readonly IReadOnlyList<string> Columns =
        [.. ImportColumns, "line_amount", "line_tax", "status", "number", "subtotal", "tax", "total", "amount_paid", "amount_due",
            "stripe_invoice_id", "created_at", "finalized_at", "paid_at"];

    /// <summary>How many invoices are read at once behind their index rows: the export's only concurrency.</summary>
    private const int ReadsAtOnce = 16;

    /// <summary>The rows of the invoices behind <paramref name="indexRows"/>, in their order, reading a few invoices at a time.</summary>
    public static async IAsyncEnumerable<string?[]> RowsAsync(Tenant tenant, InvoiceStore store, IAsyncEnumerable<TableEntity> indexRows,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = new List<InvoiceId>(ReadsAtOnce);
        await foreach (var row in indexRows.WithCancellation(cancellationToken))
        {
            ids.Add(new InvoiceId(row.GetString("InvoiceId")!));
            if (ids.Count < ReadsAtOnce) continue;
            foreach (var line in await ReadAsync(tenant, store, ids, cancellationToken)) yield return line;
            ids.Clear();
        }
        foreach (var line in await ReadAsync(tenant, store, ids, cancellationToken)) yield return line;
    }

    private static async Task<IEnumerable<string?[]>> ReadAsync(Tenant tenant, InvoiceStore store, List<InvoiceId> ids,
        CancellationToken cancellationToken)
    {
        var invoices = await Task.WhenAll(ids.Select(id => store.GetAsync(tenant, id, cancellationToken)));
        return invoices.OfType<(InvoiceSnapshot Invoice, Azure.ETag)>().SelectMany(i => Rows(i.Invoice));
    }

    public static IEnumerable<string?[]> Rows(InvoiceSnapshot s)
    {
        var invoice = Invoice.Restore(s);
        string?[] head = [s.Id.Value, s.Customer.Value, s.Owner.Value, s.Currency.Code, InvoiceResponse.WireCollection(s.Collection),
            s.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Number(s.DaysUntilDue), string.Join(' ', s.Labels.Select(l => l.Value))];
        string?[] tail = [InvoiceIndex.ViewName(invoice.View), s.Number, Number(invoice.Subtotal.Minor), Number(invoice.Tax.Minor),
            Number(invoice.Total.Minor), Number(invoice.AmountPaid.Minor), Number(invoice.AmountDue.Minor), s.StripeInvoiceId, Instant(s.CreatedAt),
            Instant(s.FinalizedAt), Instant(s.PaidAt)];
        // An invoice whose last line was removed still has its row, with the line's columns empty.
        var lines = s.Lines.Count == 0
            ? [new string?[6]]
            : s.Lines.Select(l => new[] { l.Description, Number(l.Quantity), Number(l.UnitAmount.Minor), Number(l.TaxRateBasisPoints),
                Number(l.Amount.Minor), Number(l.Tax.Minor) });
        return lines.Select(line => (string?[])[.. head, .. line, .. tail]);
    }

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Instant(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
