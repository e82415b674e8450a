using BillingFunctions.App.Api;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Analytics;

namespace BillingFunctions.App.Analytics;

public static class AnalyticsApi
{
    /// <summary>The longest span one request covers: three years of months.</summary>
    public const int MaxMonths = 36;

    public static void MapAnalytics(this IEndpointRouteBuilder api)
    {
        var analytics = api.MapGroup("/analytics").RequireAuthorization(Policies.TenantUser).WithTags("Analytics");
        analytics.MapGet("/mrr", MrrAsync).WithName("GetMrr").Produces<MrrReport>()
            .WithDescription($"MRR, ARR, movements, churn, ARPA and trailing-twelve-month retention per currency and month, over the customers " +
                $"the caller may see. Defaults to the twelve months through the current one; at most {MaxMonths} months, " +
                "none after the current one.");
    }

    private static async Task<IResult> MrrAsync(Caller caller, AnalyticsQueries queries, TimeProvider time, CancellationToken cancellationToken,
        [BusinessRange(CalendarText.Month)] string? from = null, [BusinessRange(CalendarText.Month)] string? to = null)
    {
        var current = AnalyticsMonth.Of(time.GetUtcNow());
        if (!TryParse(to, current, out var last) || !TryParse(from, last.Minus(11), out var first))
            return Problems.Invalid($"from and to are months, yyyy-MM, {BusinessDates.MonthRange}.");
        if (last.CompareTo(current) > 0) return Problems.Invalid($"to is after the current month ({current}): future months have no figures yet.");
        if (first.CompareTo(last) > 0) return Problems.Invalid("from is after to.");
        if (first.CompareTo(last.Minus(MaxMonths - 1)) < 0) return Problems.Invalid($"One request covers at most {MaxMonths} months.");

        var series = await queries.MrrAsync(caller.Actor, last, cancellationToken);
        var currencies = series.Select(s => new CurrencyMrr(s.Key.Code, Months(s.Value, first))).ToList();
        return TypedResults.Ok(new MrrReport(first.ToString(), last.ToString(), currencies));
    }

    private static List<MonthMrr> Months(IReadOnlyList<(MrrSnapshot Closed, MrrMovements Movements)> series, AnalyticsMonth first)
    {
        var byMonth = series.ToDictionary(m => m.Closed.Month);
        return [.. series.Where(m => m.Closed.Month.CompareTo(first) >= 0).Select(m =>
        {
            var (closed, movements) = m;
            var retention = byMonth.TryGetValue(closed.Month.Minus(12), out var start) ? Retention.Between(start.Closed, closed) : null;
            return new MonthMrr(closed.Month.ToString(), closed.Total.Minor, closed.Total.Minor * 12, movements.Opening.Minor,
                movements.New.Minor, movements.Reactivation.Minor, movements.Expansion.Minor, movements.Contraction.Minor, movements.Churned.Minor,
                movements.ClosingCustomers, movements.NewCustomers, movements.ReactivatedCustomers, movements.ChurnedCustomers,
                movements.Arpa?.Minor, movements.LogoChurnRate, movements.RevenueChurnRate, movements.NetRevenueChurnRate,
                retention?.Net, retention?.Gross);
        })];
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
