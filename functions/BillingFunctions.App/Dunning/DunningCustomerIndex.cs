using Azure.Data.Tables;
using BillingFunctions.App.Http;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// Which invoices of a Stripe customer have a dunning process: rows <c>dun|cus|{customer}|{invoice}</c> in the
/// tenant partition, written when dunning starts. A new card then finds its customer's processes with one
/// prefix query in one partition instead of a scan of the processes table. Rows are never removed: a finished
/// process ignores the event, and a customer has few failed invoices in a lifetime.
/// </summary>
public class DunningCustomerIndex(BillingTables tables)
{
    private const string Prefix = "dun|cus|";

    /// <summary>Records that <paramref name="stripeInvoice"/> of <paramref name="stripeCustomer"/> is dunned; repeating it is harmless.</summary>
    public virtual Task AddAsync(string tenant, string stripeCustomer, string stripeInvoice, CancellationToken cancellationToken) =>
        tables.Billing.UpsertEntityAsync(new TableEntity(tenant, $"{Prefix}{stripeCustomer}|{stripeInvoice}"),
            TableUpdateMode.Replace, cancellationToken);

    public virtual async Task<IReadOnlyList<string>> InvoicesAsync(string tenant, string stripeCustomer, CancellationToken cancellationToken)
    {
        var from = $"{Prefix}{stripeCustomer}|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenant} and RowKey gt {from} and RowKey lt {from[..^1] + "}"}");
        var invoices = new List<string>();
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, select: ["RowKey"],
            cancellationToken: cancellationToken).ConfigureAwait(false))
            invoices.Add(row.RowKey[from.Length..]);
        return invoices;
    }
}
