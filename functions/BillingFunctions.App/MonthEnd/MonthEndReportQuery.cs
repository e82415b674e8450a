using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.MonthEnd;

namespace BillingFunctions.App.MonthEnd;

/// <summary>
/// GET /month-end/report: the tenant's report, cut to what the caller may see. The report is built over every
/// enrolled customer first and cut afterwards, so a customer handed to another rep after the entry opened is shown
/// to whoever the entry is with (the report's own rule), not lost between the two.
/// </summary>
internal static class MonthEndReportQuery
{
    public static async Task<IResult> GetAsync(Caller caller, MonthEndStore store, CustomerStore customers,
        TimeProvider time, CancellationToken cancellationToken, [BusinessRange(CalendarText.Month)] string? period = null)
    {
        var now = time.GetUtcNow();
        var of = BillingPeriod.Containing(now, caller.Tenant.Calendar);
        if (period is not null && !BillingEntryRow.TryParsePeriod(period, out of))
            return Problems.Invalid($"period is a month, yyyy-MM, {BusinessDates.MonthRange}.");

        var enrolled = new List<CustomerSnapshot>();
        foreach (var enrollment in await store.ListEnrollmentsAsync(caller.Tenant.Id, cancellationToken))
        {
            if (enrollment.FirstPeriod.FirstDay > of.FirstDay) continue;
            if (await customers.GetAsync(caller.Tenant.Id, enrollment.Customer, cancellationToken) is var (customer, _)) enrolled.Add(customer);
        }
        var entries = await store.ReportEntriesAsync(caller.Tenant.Id, of, cancellationToken);
        var report = MonthEndReport.For(of, enrolled, entries, now);

        var actor = caller.Actor;
        var visible = report with
        {
            PerRep = report.PerRep.Where(r => actor.CanSee(r.Rep, r.Team)).ToList(),
            PerTeam = report.PerTeam.Select(t => t with { NotBilled = t.NotBilled.Where(u => actor.CanSee(u.Rep, u.Team)).ToList() })
                .Where(t => t.NotBilled.Count > 0).ToList(),
            Overdue = report.Overdue.Where(o => actor.CanSee(o.Rep, o.Team)).ToList(),
        };
        return TypedResults.Ok(MonthEndReportResponse.From(visible));
    }
}
