using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Invoices;
using BillingFunctions.Domain.Accounting;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Accounting;

/// <summary>
/// The journal entries dated in a period, read from the stored invoices (<c>inv|</c> rows) a page at a time. Every entry
/// of an invoice is dated at or after its finalization, so the table is asked only for invoices finalized before the
/// period ends that were finalized, paid or closed in it.
/// </summary>
public sealed class JournalInvoices(BillingTables tables)
{
    public async IAsyncEnumerable<JournalEntry> EntriesAsync(TenantId tenant, DateTimeOffset from, DateTimeOffset until,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = StorageExtensions.PrefixFilter(tenant.Value, InvoiceRow.Prefix) + TableClient.CreateQueryFilter(
            $" and FinalizedAt lt {until} and (FinalizedAt ge {from} or PaidAt ge {from} or ClosedAt ge {from})");
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            foreach (var entry in InvoiceJournal.EntriesOf(InvoiceRow.Read(row)))
            {
                if (entry.At >= from && entry.At < until) yield return entry;
            }
        }
    }

    /// <summary>The customers' names, as the journal's Name column gives them; a customer that is gone keeps its id.</summary>
    public async Task<IReadOnlyDictionary<CustomerId, string>> NamesAsync(TenantId tenant, IEnumerable<CustomerId> customers,
        CancellationToken cancellationToken)
    {
        var named = await Task.WhenAll(customers.Distinct().Select(async id =>
        {
            var row = await tables.Billing.GetEntityOrNullAsync(tenant.Value, Customers.CustomerRow.Key(id), ["Name"], cancellationToken);
            return (id, Name: row?.GetString("Name") ?? id.Value);
        }));
        return named.ToDictionary(n => n.id, n => n.Name);
    }
}
