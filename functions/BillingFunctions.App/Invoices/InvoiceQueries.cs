using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Reporting;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Invoices;

public enum InvoiceSort { None, DueDate, Amount }

public sealed record InvoiceFilter(InvoiceView? View, IReadOnlyList<Label> Labels, CustomerId? Customer, UserId? Owner,
    Quarter? Quarter, InvoiceSort Sort);

/// <summary>
/// Invoice lists as one range query over index rows. The range is the most selective index the filter allows
/// (or the due/amount index when sorting, whose row keys are in that order); the rest of the filter and the
/// caller's visibility become property conditions the table service evaluates. A label's range is in the label
/// table (copies of the <c>idx|label|</c> rows), so its first page does not share a scan with the whole tenant.
/// </summary>
public sealed class InvoiceQueries(BillingTables tables)
{
    public async Task<Page<InvoiceListItem>> ListAsync(Actor actor, InvoiceFilter filter, int pageSize, string? continuationToken,
        CancellationToken cancellationToken)
    {
        var (table, odata) = Query(actor, filter);
        var page = await table.QueryPageAsync(odata, pageSize, null, continuationToken, cancellationToken);
        return new Page<InvoiceListItem>(page.Values.Select(Item).ToList(), page.ContinuationToken);
    }

    /// <summary>Every index row the list would page through, in the list's order, read a page at a time (the CSV export).</summary>
    public IAsyncEnumerable<TableEntity> ReadAllAsync(Actor actor, InvoiceFilter filter, CancellationToken cancellationToken)
    {
        var (table, odata) = Query(actor, filter);
        return table.QueryAsync<TableEntity>(odata, cancellationToken: cancellationToken);
    }

    private (TableClient Table, string Filter) Query(Actor actor, InvoiceFilter filter)
    {
        var (prefix, covered) = Range(actor, filter);
        // A label's rows are read from the label table's copies, a range no other rows share (see ReadCopies).
        var table = covered == "label" ? tables.InvoiceLabels : tables.Billing;
        if (covered == "label") prefix = InvoiceIndex.LabelCopyKey(prefix);
        var odata = StorageExtensions.PrefixFilter(actor.Tenant.Value, prefix) + Visibility.Filter(actor);
        if (covered == "label") odata += $" and {ReadCopies.Live} eq true";
        if (filter.View is { } view && covered != "view") odata += TableClient.CreateQueryFilter($" and View eq {InvoiceIndex.ViewName(view)}");
        if (filter.Customer is { } customer && covered != "customer") odata += TableClient.CreateQueryFilter($" and Customer eq {customer.Value}");
        if (filter.Owner is { } owner && covered != "owner") odata += TableClient.CreateQueryFilter($" and Owner eq {owner.Value}");
        if (filter.Quarter is { } quarter) odata += TableClient.CreateQueryFilter($" and Quarter eq {quarter.ToString()}");
        foreach (var label in filter.Labels.Skip(covered == "label" ? 1 : 0)) odata += $" and {InvoiceIndex.LabelColumn(label)} eq true";
        return (table, odata);
    }

    private static (string Prefix, string Covered) Range(Actor actor, InvoiceFilter filter)
    {
        const string P = InvoiceIndex.Prefix;
        if (filter.Sort == InvoiceSort.DueDate) return ($"{P}due|", "");
        if (filter.Sort == InvoiceSort.Amount) return ($"{P}amount|", "");
        if (filter.Customer is { } customer) return ($"{P}customer|{customer.Value}|", "customer");
        if (filter.Labels.Count > 0) return ($"{P}label|{filter.Labels[0].Value}|", "label");
        if (filter.Owner is { } owner) return ($"{P}owner|{owner.Value}|", "owner");
        if (actor.Role == Role.Rep) return ($"{P}owner|{actor.User.Value}|", "");
        if (filter.View is { } view) return ($"{P}status|{InvoiceIndex.ViewName(view)}|", "view");
        return ($"{P}status|", "");
    }

    private static InvoiceListItem Item(TableEntity row) => new(
        row.GetString("InvoiceId")!, row.GetString("Customer")!, row.GetString("Owner")!, row.GetString("View")!, row.GetString("Currency")!,
        row.GetInt64("Total") ?? 0, row.GetInt64("AmountDue") ?? 0, row.GetString("DueDate"), row.GetString("Number"),
        (row.GetString("Labels") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), row.GetString("Quarter"));
}
