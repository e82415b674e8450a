using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.Reporting;

/// <summary>Which summary row a figure lands in: one per quarter, owner rep and currency.</summary>
public readonly record struct SummaryKey(Quarter Quarter, UserId Owner, Currency Currency);

/// <summary>
/// What one invoice adds to the quarter summaries. Invoiced and outstanding count in the quarter the
/// invoice was finalized, collected in the quarter it was paid; drafts and voided invoices add nothing.
/// </summary>
public static class QuarterContribution
{
    public static IReadOnlyDictionary<SummaryKey, QuarterFigures> Of(InvoiceSnapshot snapshot, TenantCalendar calendar)
    {
        var figures = new Dictionary<SummaryKey, QuarterFigures>();
        if (snapshot.Status is InvoiceStatus.Draft or InvoiceStatus.Void || snapshot.FinalizedAt is not { } finalizedAt) return figures;

        var invoice = Invoice.Restore(snapshot);
        var issued = new SummaryKey(calendar.QuarterOf(finalizedAt), snapshot.Owner, snapshot.Currency);
        Add(figures, issued, QuarterFigures.None with { Invoiced = invoice.Total.Minor, InvoicedCount = 1 });

        if (snapshot.Status == InvoiceStatus.Open)
        {
            var due = invoice.AmountDue.Minor;
            Add(figures, issued, QuarterFigures.None with { Outstanding = due, OpenCount = 1 });
            if (invoice.IsOverdue) Add(figures, issued, QuarterFigures.None with { Overdue = due, OverdueCount = 1 });
        }

        if (snapshot.Status == InvoiceStatus.Paid && snapshot.PaidAt is { } paidAt)
        {
            var collected = new SummaryKey(calendar.QuarterOf(paidAt), snapshot.Owner, snapshot.Currency);
            Add(figures, collected, QuarterFigures.None with { Collected = snapshot.AmountPaidMinor, PaidCount = 1 });
        }
        return figures;
    }

    /// <summary>The change to each summary row when an invoice goes from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IReadOnlyDictionary<SummaryKey, QuarterFigures> Delta(InvoiceSnapshot? before, InvoiceSnapshot after, TenantCalendar calendar)
    {
        var delta = new Dictionary<SummaryKey, QuarterFigures>();
        foreach (var (key, value) in Of(after, calendar)) Add(delta, key, value);
        if (before is not null)
            foreach (var (key, value) in Of(before, calendar)) Add(delta, key, -value);
        return delta.Where(p => !p.Value.IsNone).ToDictionary();
    }

    private static void Add(Dictionary<SummaryKey, QuarterFigures> figures, SummaryKey key, QuarterFigures value) =>
        figures[key] = figures.TryGetValue(key, out var existing) ? existing + value : value;
}
