using System.Globalization;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.Domain.Analytics;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Analytics;

/// <summary>
/// Revenue figures from the stored subscriptions' MRR histories, limited to the customers the caller may see (the same
/// rule as the customer list: a rep their own, a manager their team's, finance and admins all).
/// </summary>
public sealed class AnalyticsQueries(BillingTables tables)
{
    /// <summary>
    /// Every currency's months from <paramref name="from"/> through <paramref name="through"/> (none before the first one
    /// anybody paid in). A closed month is read from its rows (<see cref="MrrMonthRows"/>) and never recomputed; a month not
    /// closed yet (the current one) is computed from the subscriptions' MRR histories. Movements are those of the customers
    /// the caller may see, between the end of the month before and the end of the month.
    /// </summary>
    public async Task<IReadOnlyDictionary<Currency, IReadOnlyList<MrrMonthFigures>>> MrrAsync(Actor actor, AnalyticsMonth from,
        AnalyticsMonth through, CancellationToken cancellationToken)
    {
        var visible = VisibleCustomersAsync(actor, cancellationToken);
        var closed = ClosedMonthsAsync(actor.Tenant, cancellationToken);
        var subscriptions = await SubscriptionsAsync(actor.Tenant, cancellationToken);
        var (customers, months) = (await visible, await closed);
        var currencies = subscriptions.Select(s => s.Plan.Currency).Concat(months.Keys.Select(k => k.Currency)).Distinct();
        return currencies.OrderBy(c => c.Code, StringComparer.Ordinal).ToDictionary(c => c, c =>
        {
            var entries = MonthEntries(subscriptions, months, c, through);
            IReadOnlyDictionary<CustomerId, MonthEntry> Visible(AnalyticsMonth month) => entries.TryGetValue(month, out var all)
                ? customers is null ? all : all.Where(e => customers.Contains(e.Key)).ToDictionary()
                : new Dictionary<CustomerId, MonthEntry>();
            IReadOnlyDictionary<CustomerId, long> Mrr(AnalyticsMonth month) => Visible(month).ToDictionary(e => e.Key, e => e.Value.Mrr);
            var shown = entries.Keys.Where(m => m.CompareTo(from) >= 0).Order();
            return (IReadOnlyList<MrrMonthFigures>)[.. shown.Select(month => new MrrMonthFigures(month,
                MrrMovements.Between(c, Mrr(month.Previous), Visible(month)),
                entries.ContainsKey(month.Minus(12)) ? Retention.Between(Mrr(month.Minus(12)), Mrr(month)) : null))];
        });
    }

    /// <summary>
    /// Each month's entries from the first paying month through <paramref name="through"/>: the closed months' rows where
    /// there are any, the subscriptions' histories for the rest.
    /// </summary>
    private static Dictionary<AnalyticsMonth, IReadOnlyDictionary<CustomerId, MonthEntry>> MonthEntries(
        IReadOnlyList<SubscriptionSnapshot> subscriptions,
        Dictionary<(Currency Currency, AnalyticsMonth Month), Dictionary<CustomerId, MonthEntry>> closed, Currency currency, AnalyticsMonth through)
    {
        var entries = MrrSeries.Entries(subscriptions, currency, through).ToDictionary(m => m.Month, m => m.Entries);
        foreach (var ((c, month), rows) in closed)
        {
            if (c == currency && month.CompareTo(through) <= 0) entries[month] = rows;
        }
        return entries;
    }

    /// <summary>Every closed month of the tenant, all currencies: a range of the dashboard table.</summary>
    internal async Task<Dictionary<(Currency Currency, AnalyticsMonth Month), Dictionary<CustomerId, MonthEntry>>> ClosedMonthsAsync(TenantId tenant,
        CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in tables.Dashboards.QueryAsync<TableEntity>(StorageExtensions.PrefixFilter(tenant.Value, MrrMonthRows.Prefix),
            cancellationToken: cancellationToken)) rows.Add(row);
        return MrrMonthRows.Read(rows);
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
                var dueOn = row.GetString("DueDate") is { } text
                    ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : (DateOnly?)null;
                receivables.Add(new OpenReceivable(new Money(due, currency), calendar.Today(issued), dueOn));
            }
        }
        return receivables;
    }

    /// <summary>
    /// What the caller's invoices finalized from <paramref name="from"/> until <paramref name="until"/> came to, per currency:
    /// DSO's credit sales. One index row per invoice (<c>idx|due|</c>); a voided invoice was no sale.
    /// </summary>
    public async Task<IReadOnlyDictionary<Currency, long>> InvoicedAsync(Actor actor, DateTimeOffset from, DateTimeOffset until,
        CancellationToken cancellationToken)
    {
        var invoiced = new Dictionary<Currency, long>();
        var filter = StorageExtensions.PrefixFilter(actor.Tenant.Value, $"{InvoiceIndex.Prefix}due|")
            + TableClient.CreateQueryFilter($" and FinalizedAt ge {from} and FinalizedAt lt {until}") + Visibility.Filter(actor);
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, select: ["Currency", "Total", "View"],
            cancellationToken: cancellationToken))
        {
            if (row.GetString("View") == InvoiceIndex.ViewName(InvoiceView.Void)
                || !Currency.TryParse(row.GetString("Currency"), out var c)) continue;
            invoiced[c] = invoiced.GetValueOrDefault(c) + (row.GetInt64("Total") ?? 0);
        }
        return invoiced;
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

    internal async Task<IReadOnlyList<SubscriptionSnapshot>> SubscriptionsAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var list = new List<SubscriptionSnapshot>();
        var filter = StorageExtensions.PrefixFilter(tenant.Value, SubscriptionRow.Prefix);
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, select: ["State"], cancellationToken: cancellationToken))
            list.Add(SubscriptionRow.Read(row));
        return list;
    }
}
