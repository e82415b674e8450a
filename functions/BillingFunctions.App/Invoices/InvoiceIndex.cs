using System.Globalization;
using Azure.Data.Tables;
using BillingFunctions.App.Http;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Invoices;

/// <summary>
/// Index rows: Table Storage has no secondary indexes, so each invoice also lives under
/// <c>idx|status|{view}|</c>, <c>idx|label|{label}|</c>, <c>idx|customer|{id}|</c>, <c>idx|owner|{user}|</c>, and under
/// <c>idx|due|</c> and <c>idx|amount|</c> whose row keys sort by due date and by amount. Every index row carries the
/// fields a list shows and filters on (labels as one boolean column each), so a list page is one range query.
/// Index rows carry the invoice's version; the <c>idx|label|</c> rows are copied to the invoice label table
/// (<see cref="LabelCopy"/>), where a label's list is a range that no other rows share.
/// </summary>
internal static class InvoiceIndex
{
    public const string Prefix = "idx|";

    public static string ViewName(InvoiceView view) => view switch
    {
        InvoiceView.OnHold => "on_hold",
        _ => view.ToString().ToLowerInvariant(),
    };

    /// <summary>Labels are [a-z0-9_-]; a property name allows letters, digits and '_', so '_' doubles and '-' becomes "_d".</summary>
    public static string LabelColumn(Label label) => "L_" + label.Value.Replace("_", "__").Replace("-", "_d");

    public const string LabelPrefix = Prefix + "label|";

    public static IReadOnlyList<TableEntity> Rows(TenantId tenant, InvoiceSnapshot s, TenantCalendar calendar, long version)
    {
        var invoice = Invoice.Restore(s);
        var id = s.Id.Value;
        var keys = new List<string>
        {
            $"{Prefix}status|{ViewName(invoice.View)}|{id}",
            $"{Prefix}customer|{s.Customer.Value}|{id}",
            $"{Prefix}owner|{s.Owner.Value}|{id}",
            // Invoices without a due date sort last.
            $"{Prefix}due|{s.DueDate?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "99999999"}|{id}",
            // Largest first: the key holds the distance to the largest amount an invoice may have.
            $"{Prefix}amount|{(InvoiceLimits.MaxAmountMinor - invoice.Total.Minor).ToString("D12", CultureInfo.InvariantCulture)}|{id}",
        };
        keys.AddRange(s.Labels.Select(l => $"{LabelPrefix}{l.Value}|{id}"));
        return keys.Select(key => Fields(new TableEntity(tenant.Value, key) { [ReadCopies.Version] = version }, invoice, s, calendar)).ToList();
    }

    private static TableEntity Fields(TableEntity row, Invoice invoice, InvoiceSnapshot s, TenantCalendar calendar)
    {
        row["InvoiceId"] = s.Id.Value;
        row["Customer"] = s.Customer.Value;
        row["Owner"] = s.Owner.Value;
        row["OwnerTeam"] = s.OwnerTeam?.Value;
        row["View"] = ViewName(invoice.View);
        row["Currency"] = s.Currency.Code;
        row["Total"] = invoice.Total.Minor;
        row["AmountDue"] = invoice.AmountDue.Minor;
        row["DueDate"] = s.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        row["Number"] = s.Number;
        row["Labels"] = string.Join(',', s.Labels.Select(l => l.Value));
        row["Quarter"] = s.FinalizedAt is { } finalized ? calendar.QuarterOf(finalized).ToString() : null;
        row["CreatedAt"] = s.CreatedAt;
        row["FinalizedAt"] = s.FinalizedAt;
        foreach (var label in s.Labels) row[LabelColumn(label)] = true;
        return row;
    }

    /// <summary>The label table's copy of an <c>idx|label|{label}|{id}</c> row: row key <c>{label}|{id}</c>, and live.</summary>
    public static TableEntity LabelCopy(TableEntity indexRow)
    {
        var copy = ReadCopies.CopyOf(indexRow, indexRow.PartitionKey, LabelCopyKey(indexRow.RowKey));
        copy[ReadCopies.Live] = true;
        return copy;
    }

    public static string LabelCopyKey(string indexRowKey) => indexRowKey[LabelPrefix.Length..];

    public static bool IsLabelRow(TableEntity row) => row.RowKey.StartsWith(LabelPrefix, StringComparison.Ordinal);


}
