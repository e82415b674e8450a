using System.Globalization;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Api;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.Domain.Analytics;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Analytics;

/// <summary>
/// Revenue figures from the stored subscriptions' MRR histories, limited to the customers the caller may see (the same
/// rule as the customer list: a rep their own, a manager their team's, finance and admins all).
/// </summary>
public sealed class AnalyticsQueries(BillingTables tables)
{
    /// <summary>Every currency's months through <paramref name="through"/>, each series from its first paying month.</summary>
    public async Task<IReadOnlyDictionary<Currency, IReadOnlyList<(MrrSnapshot Closed, MrrMovements Movements)>>> MrrAsync(Actor actor,
        AnalyticsMonth through, CancellationToken cancellationToken)
    {
        var visible = VisibleCustomersAsync(actor, cancellationToken);
        var subscriptions = await SubscriptionsAsync(actor.Tenant, cancellationToken);
        if (await visible is { } customers) subscriptions = [.. subscriptions.Where(s => customers.Contains(s.Customer))];
        return subscriptions.Select(s => s.Plan.Currency).Distinct().OrderBy(c => c.Code, StringComparer.Ordinal)
            .ToDictionary(c => c, c => MrrSeries.Close(subscriptions, c, through));
    }

    /// <summary>
    /// The caller's finalized invoices with something still due: the open, overdue and on-hold index ranges (a draft on hold
    /// has no quarter, as it was never finalized). An invoice without a due date is due when it was finalized; index rows
    /// written before they carried that date fall back to when the invoice was created.
    /// </summary>
    public async Task<IReadOnlyList<OpenReceivable>> OpenReceivablesAsync(Actor actor, TenantCalendar calendar, CancellationToken cancellationToken)
    {
        var receivables = new List<OpenReceivable>();
        foreach (var view in new[] { InvoiceView.Open, InvoiceView.Overdue, InvoiceView.OnHold })
        {
            var filter = StorageExtensions.PrefixFilter(actor.Tenant.Value, $"{InvoiceIndex.Prefix}status|{InvoiceIndex.ViewName(view)}|")
                + Visibility.Filter(actor);
            await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter,
                select: ["Currency", "AmountDue", "DueDate", "Quarter", "FinalizedAt", "CreatedAt"], cancellationToken: cancellationToken))
            {
                var due = row.GetInt64("AmountDue") ?? 0;
                if (row.GetString("Quarter") is null || due <= 0 || !Currency.TryParse(row.GetString("Currency"), out var currency)) continue;
                var issued = row.GetDateTimeOffset("FinalizedAt") ?? row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue;
                var dueOn = row.GetString("DueDate") is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : (DateOnly?)null;
                receivables.Add(new OpenReceivable(new Money(due, currency), calendar.Today(issued), dueOn));
            }
        }
        return receivables;
    }

    /// <summary>Null for finance and admins, who see every customer.</summary>
    private async Task<HashSet<CustomerId>?> VisibleCustomersAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (actor.Role is Role.Finance or Role.Admin) return null;
        var filter = StorageExtensions.PrefixFilter(actor.Tenant.Value, CustomerRow.Prefix) + Visibility.Filter(actor);
        var customers = new HashSet<CustomerId>();
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, select: ["CustomerId"], cancellationToken: cancellationToken))
            customers.Add(new CustomerId(row.GetString("CustomerId")));
        return customers;
    }

    private async Task<IReadOnlyList<SubscriptionSnapshot>> SubscriptionsAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var list = new List<SubscriptionSnapshot>();
        var filter = StorageExtensions.PrefixFilter(tenant.Value, SubscriptionRow.Prefix);
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, select: ["State"], cancellationToken: cancellationToken))
            list.Add(SubscriptionRow.Read(row));
        return list;
    }
}
