using BillingFunctions.App.Http;
using BillingFunctions.App.Reconciliation;
using BillingFunctions.App.Tenancy;

namespace BillingFunctions.App.Accounting;

/// <summary>GET <c>/api/v1/accounting/journal.csv?from=&amp;to=</c>: finance and admins, as the payment export.</summary>
public static class JournalApi
{
    public static void MapAccounting(this IEndpointRouteBuilder api)
    {
        api.MapGet("/accounting/journal.csv", ExportJournal).RequireAuthorization(Policies.Finance).WithTags("Accounting")
            .WithName("ExportJournal").ProducesCsv()
            .WithDescription("The journal of the days from and to (yyyy-MM-dd, the tenant's calendar, at most " +
                $"{ReconciliationApi.MaxDays} days; default: this month so far), as a CSV file in the layout of QuickBooks Online's " +
                "journal-entry import, streamed a row per journal line: each invoice finalized (receivable against revenue and tax), " +
                "paid (undeposited funds against receivable) or voided (reversed) in them. Every entry balances; amounts are in major " +
                "units of the entry's currency. The columns and accounts are in docs/CSV.md.");
    }

    private static IResult ExportJournal(Caller caller, JournalInvoices invoices, TimeProvider time,
        [BusinessRange(CalendarText.Date)] string? from = null, [BusinessRange(CalendarText.Date)] string? to = null)
    {
        var calendar = caller.Tenant.Calendar;
        var (first, last, problem) = ReconciliationApi.Period(from, to, calendar, time);
        if (problem is not null) return problem;
        var (start, end) = (ReconciliationApi.StartOf(first, calendar.TimeZone), ReconciliationApi.StartOf(last.AddDays(1), calendar.TimeZone));
        return new CsvDownload("journal.csv", JournalCsv.Columns, cancellationToken => JournalCsv.RowsAsync(caller.Tenant.Id, calendar, invoices,
            invoices.EntriesAsync(caller.Tenant.Id, start, end, cancellationToken), cancellationToken));
    }
}
