using System.Globalization;
using BillingFunctions.App.Http;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Reconciliation;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Reconciliation;

/// <summary>GET <c>/api/v1/reconciliation?from=&amp;to=</c> and <c>/api/v1/payments/export.csv?from=&amp;to=</c>: finance and admins.</summary>
public static class ReconciliationApi
{
    /// <summary>A year and a day: a full year's report in one read, not an open-ended scan.</summary>
    public const int MaxDays = 366;

    public static void MapReconciliation(this IEndpointRouteBuilder api)
    {
        api.MapGet("/reconciliation", ReportAsync).RequireAuthorization(Policies.Finance).WithTags("Reconciliation")
            .WithName("GetReconciliationReport").Produces<ReconciliationResponse>();
        api.MapGet("/payments/export.csv", ExportPayments).RequireAuthorization(Policies.Finance).WithTags("Reconciliation")
            .WithName("ExportPayments").ProducesCsv()
            .WithDescription("The payment records of the reconciliation report's days, as Stripe reported them, as one CSV file streamed a row per " +
                "record; amounts in integer minor units of the row's currency. The columns are in docs/CSV.md.");
    }

    /// <param name="from">First day (yyyy-MM-dd, tenant's calendar); default: the first of <paramref name="to"/>'s month.</param>
    /// <param name="to">Last day, inclusive; default: today.</param>
    private static async Task<IResult> ReportAsync(Caller caller, ReconciliationStore store, TimeProvider time,
        CancellationToken cancellationToken, [BusinessRange(CalendarText.Date)] string? from = null,
        [BusinessRange(CalendarText.Date)] string? to = null)
    {
        var calendar = caller.Tenant.Calendar;
        var (first, last, problem) = Period(from, to, calendar, time);
        if (problem is not null) return problem;

        var payments = await store.PaymentsAsync(caller.Tenant.Id, StartOf(first, calendar.TimeZone),
            StartOf(last.AddDays(1), calendar.TimeZone), cancellationToken);
        var invoices = await store.InvoicesAsync(caller.Tenant.Id, payments.Select(p => p.StripeInvoiceId).OfType<string>(), cancellationToken);
        var ours = invoices.Where(i => i.InvoiceId is not null).ToDictionary(i => i.StripeInvoiceId, i => i.InvoiceId, StringComparer.Ordinal);
        var report = PaymentMatcher.Match(invoices.Select(i => new InvoiceToReconcile(i.StripeInvoiceId, i.AmountDue)), payments);
        return TypedResults.Ok(ToResponse(report, first, last, caller.Tenant.TimeZone, ours));
    }

    /// <summary>The payment records of the report's days as CSV (docs/CSV.md), streamed: each record as Stripe reported it.</summary>
    private static IResult ExportPayments(Caller caller, ReconciliationStore store, TimeProvider time,
        [BusinessRange(CalendarText.Date)] string? from = null, [BusinessRange(CalendarText.Date)] string? to = null)
    {
        var calendar = caller.Tenant.Calendar;
        var (first, last, problem) = Period(from, to, calendar, time);
        return problem ?? new CsvDownload("payments.csv", PaymentCsv.Columns, cancellationToken => PaymentCsv.RowsAsync(caller.Tenant.Id, store,
            store.ReadPaymentsAsync(caller.Tenant.Id, StartOf(first, calendar.TimeZone), StartOf(last.AddDays(1), calendar.TimeZone),
                cancellationToken), cancellationToken));
    }

    /// <summary>The days from and to name (the report and the export take the same), or the problem with them.</summary>
    internal static (DateOnly First, DateOnly Last, IResult? Problem) Period(string? from, string? to, TenantCalendar calendar, TimeProvider time)
    {
        if (!TryDate(to, calendar.Today(time.GetUtcNow()), out var last))
            return (default, default, Problems.Invalid($"to is a date, yyyy-MM-dd, {BusinessDates.Range}."));
        if (!TryDate(from, new DateOnly(last.Year, last.Month, 1), out var first))
            return (default, default, Problems.Invalid($"from is a date, yyyy-MM-dd, {BusinessDates.Range}."));
        if (first > last) return (default, default, Problems.Invalid("from is after to."));
        if (last.DayNumber - first.DayNumber + 1 > MaxDays) return (default, default, Problems.Invalid($"A report covers at most {MaxDays} days."));
        return (first, last, null);
    }

    private static ReconciliationResponse ToResponse(ReconciliationReport r, DateOnly first, DateOnly last, string zone,
        Dictionary<string, string?> ours)
    {
        string? Ours(string stripeId) => ours.GetValueOrDefault(stripeId);
        var totals = r.Matched.GroupBy(m => m.Payment.Amount.Currency.Code, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MatchedTotal(g.Key, g.Sum(m => m.Payment.Amount.Minor), g.Count())).ToList();
        return new(Day(first), Day(last), zone, r.IsClean, totals,
            [.. r.Matched.Select(m => new MatchedInvoiceResponse(m.StripeInvoiceId, Ours(m.StripeInvoiceId),
                ReconciledPaymentResponse.From(m.Payment)))],
            [.. r.PaymentsWithoutInvoice.Select(p => new PaymentWithoutInvoiceResponse(
                p.Reason == UnmatchedReason.NoInvoiceOnPayment ? "no_invoice_on_payment" : "unknown_invoice",
                ReconciledPaymentResponse.From(p.Payment)))],
            [.. r.InvoicesPaidTwice.Select(t => new InvoicePaidTwiceResponse(t.StripeInvoiceId, Ours(t.StripeInvoiceId), t.AmountDue.Minor,
                t.Payments.Where(p => p.Amount.Currency == t.AmountDue.Currency).Sum(p => p.Amount.Minor), t.AmountDue.Currency.Code,
                [.. t.Payments.Select(ReconciledPaymentResponse.From)]))],
            [.. r.AmountMismatches.Select(m => new AmountMismatchResponse(m.StripeInvoiceId, Ours(m.StripeInvoiceId), m.AmountDue.Minor,
                m.AmountDue.Currency.Code, ReconciledPaymentResponse.From(m.Payment),
                m.Payment.Amount.Currency == m.AmountDue.Currency ? m.Payment.Amount.Minor - m.AmountDue.Minor : null))],
            [.. r.Conflicts.Select(c => new ConflictResponse(c.PaymentKey, [.. c.Records.Select(x => x.Id)]))]);
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        date = fallback;
        return text is null
            || (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
                && BusinessDates.Contains(date));
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Local midnight as an instant; where midnight does not exist (a DST jump at 00:00), the first instant after it.</summary>
    internal static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
