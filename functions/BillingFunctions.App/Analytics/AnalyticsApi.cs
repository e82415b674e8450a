using System.Globalization;
using BillingFunctions.App.Http;
using BillingFunctions.App.Reconciliation;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Analytics;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.App.Analytics;

public static class AnalyticsApi
{
    /// <summary>The longest span one request covers: three years of months.</summary>
    public const int MaxMonths = 36;

    /// <summary>DSO's window by default: a quarter, as finance reports it.</summary>
    public const int DefaultDsoDays = 90;

    public const int MaxDsoDays = 365;

    public static void MapAnalytics(this IEndpointRouteBuilder api)
    {
        var analytics = api.MapGroup("/analytics").RequireAuthorization(Policies.TenantUser).WithTags("Analytics");
        analytics.MapGet("/mrr", MrrAsync).WithName("GetMrr").Produces<MrrReport>()
            .WithDescription($"MRR, ARR, movements, churn, ARPA and trailing-twelve-month retention per currency and month, over the " +
                $"customers the caller may see. Defaults to the twelve months through the current one; at most {MaxMonths} months, " +
                "none after the current one.");
        analytics.MapPost("/recompute", async (Caller caller, MrrMonthClose close, CancellationToken ct) =>
                TypedResults.Ok(new RecomputeResponse(await close.CloseAsync(caller.Tenant.Id, recompute: true, ct))))
            .RequireAuthorization(Policies.Finance).WithName("RecomputeAnalytics").Produces<RecomputeResponse>()
            .WithDescription("Rebuilds every closed month of the tenant from the subscriptions' MRR histories (finance and admins).");
        analytics.MapGet("/receivables-aging", AgingAsync).WithName("GetReceivablesAging").Produces<ReceivablesAgingReport>()
            .WithDescription("Finalized invoices with an amount still due, by days past due on a date (default: today in the tenant's time zone), " +
                "per currency, over the invoices the caller may see, with days sales outstanding (DSO) over the dsoDays days ending on it " +
                $"(default {DefaultDsoDays}, at most {MaxDsoDays}): still due / invoiced in those days × their number. An invoice without a " +
                "due date is due when it was finalized; a currency invoiced in the window with nothing still due shows with DSO 0.");
    }

    private static async Task<IResult> AgingAsync(Caller caller, AnalyticsQueries queries, TimeProvider time, CancellationToken cancellationToken,
        [BusinessRange(CalendarText.Date)] string? on = null, int? dsoDays = null)
    {
        var calendar = caller.Tenant.Calendar;
        var date = calendar.Today(time.GetUtcNow());
        if (on is not null
            && (!DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
                || !BusinessDates.Contains(date)))
            return Problems.Invalid($"on is a date, yyyy-MM-dd, {BusinessDates.Range}.");
        if (dsoDays is < 1 or > MaxDsoDays) return Problems.Invalid($"dsoDays is a whole number of days from 1 to {MaxDsoDays}.");
        var days = dsoDays ?? DefaultDsoDays;
        var receivables = await queries.OpenReceivablesAsync(caller.Actor, calendar, cancellationToken);
        var invoiced = await queries.InvoicedAsync(caller.Actor, ReconciliationApi.StartOf(date.AddDays(1 - days), calendar.TimeZone),
            ReconciliationApi.StartOf(date.AddDays(1), calendar.TimeZone), cancellationToken);
        var agings = ReceivablesAging.Of(receivables, date).ToDictionary(a => a.Currency);
        foreach (var currency in invoiced.Keys.Where(c => !agings.ContainsKey(c))) agings[currency] = ReceivablesAging.Of(currency, [], date);
        var currencies = agings.Values.OrderBy(a => a.Currency.Code, StringComparer.Ordinal).Select(a =>
        {
            var sales = new Money(invoiced.GetValueOrDefault(a.Currency), a.Currency);
            return new CurrencyAging(a.Currency.Code, a.Total.Minor, a.Counts.Values.Sum(),
                [.. Enum.GetValues<AgingBucket>().Select(b => new AgingBucketFigures(BucketName(b), a.Amounts[b].Minor, a.Counts[b]))],
                sales.Minor, a.DaysSalesOutstanding(sales, days));
        }).ToList();
        return TypedResults.Ok(new ReceivablesAgingReport(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), days, currencies));
    }

    private static string BucketName(AgingBucket bucket) => bucket switch
    {
        AgingBucket.Current => "current",
        AgingBucket.Days1To30 => "1-30",
        AgingBucket.Days31To60 => "31-60",
        AgingBucket.Days61To90 => "61-90",
        _ => "over-90",
    };

    private static async Task<IResult> MrrAsync(Caller caller, AnalyticsQueries queries, TimeProvider time, CancellationToken cancellationToken,
        [BusinessRange(CalendarText.Month)] string? from = null, [BusinessRange(CalendarText.Month)] string? to = null)
    {
        var current = AnalyticsMonth.Of(time.GetUtcNow());
        if (!TryParse(to, current, out var last) || !TryParse(from, last.Minus(11), out var first))
            return Problems.Invalid($"from and to are months, yyyy-MM, {BusinessDates.MonthRange}.");
        if (last.CompareTo(current) > 0) return Problems.Invalid($"to is after the current month ({current}): future months have no figures yet.");
        if (first.CompareTo(last) > 0) return Problems.Invalid("from is after to.");
        if (first.CompareTo(last.Minus(MaxMonths - 1)) < 0) return Problems.Invalid($"One request covers at most {MaxMonths} months.");

        var series = await queries.MrrAsync(caller.Actor, first, last, cancellationToken);
        // A currency none of the caller's customers paid in over these months is left out, not shown as a row of zeros.
        var currencies = series.Where(s => s.Value.Any(m => m.Movements.Opening.Minor != 0 || m.Movements.Closing.Minor != 0))
            .Select(s => new CurrencyMrr(s.Key.Code, [.. s.Value.Select(Figures)])).ToList();
        return TypedResults.Ok(new MrrReport(first.ToString(), last.ToString(), currencies));
    }

    private static MonthMrr Figures(MrrMonthFigures month)
    {
        var m = month.Movements;
        return new MonthMrr(month.Month.ToString(), m.Closing.Minor, m.Closing.Minor * 12, m.Opening.Minor, m.New.Minor, m.Reactivation.Minor,
            m.Expansion.Minor, m.Contraction.Minor, m.Churned.Minor, m.ClosingCustomers, m.NewCustomers, m.ReactivatedCustomers, m.ChurnedCustomers,
            m.Arpa?.Minor, m.LogoChurnRate, m.RevenueChurnRate, m.NetRevenueChurnRate, month.Retention?.Net, month.Retention?.Gross);
    }

    private static bool TryParse(string? text, AnalyticsMonth fallback, out AnalyticsMonth month)
    {
        if (text is null)
        {
            month = fallback;
            return true;
        }
        return AnalyticsMonth.TryParse(text, out month) && month.Year >= BusinessDates.First.Year && month.Year <= BusinessDates.Last.Year;
    }
}
