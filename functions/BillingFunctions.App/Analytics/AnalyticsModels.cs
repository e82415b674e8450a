using BillingFunctions.Domain.Analytics;

namespace BillingFunctions.App.Analytics;

/// <summary>One month of one currency: its movements (closing MRR included) and, twelve months in, its trailing retention.</summary>
public sealed record MrrMonthFigures(AnalyticsMonth Month, MrrMovements Movements, Retention? Retention);

/// <summary>Monthly recurring revenue by currency, month by month; amounts in minor units of that currency.</summary>
public sealed record MrrReport(string From, string To, IReadOnlyList<CurrencyMrr> Currencies);

public sealed record CurrencyMrr(string Currency, IReadOnlyList<MonthMrr> Months);

/// <summary>
/// One month, closed at its end (the current month: so far). Movements are positive amounts; churned and contraction
/// reduce MRR, so opening + new + reactivation + expansion - contraction - churned is <see cref="Mrr"/>. Rates are
/// fractions to four decimals, null when there was nothing to divide by; retention is over the trailing twelve months.
/// </summary>
public sealed record MonthMrr(
    string Month,
    long Mrr,
    long Arr,
    long OpeningMrr,
    long New,
    long Reactivation,
    long Expansion,
    long Contraction,
    long Churned,
    int Customers,
    int NewCustomers,
    int ReactivatedCustomers,
    int ChurnedCustomers,
    long? Arpa,
    decimal? LogoChurnRate,
    decimal? RevenueChurnRate,
    decimal? NetRevenueChurnRate,
    decimal? NetRevenueRetention,
    decimal? GrossRevenueRetention);

/// <summary>
/// Open receivables by days past due on <see cref="On"/>, per currency; amounts in minor units still due. DSO is over the
/// <see cref="DsoDays"/> days ending on <see cref="On"/>.
/// </summary>
public sealed record ReceivablesAgingReport(string On, int DsoDays, IReadOnlyList<CurrencyAging> Currencies);

/// <param name="Invoiced">What the invoices finalized in the DSO window came to (voided ones left out), minor units.</param>
/// <param name="DaysSalesOutstanding">Total / Invoiced × the window's days, to one decimal; null when nothing was invoiced in it.</param>
public sealed record CurrencyAging(string Currency, long Total, int Invoices, IReadOnlyList<AgingBucketFigures> Buckets, long Invoiced,
    decimal? DaysSalesOutstanding);

/// <param name="Bucket">current (not yet due), 1-30, 31-60, 61-90 or over-90 days past due.</param>
public sealed record AgingBucketFigures(string Bucket, long Amount, int Invoices);

/// <summary>How many months a recompute wrote.</summary>
public sealed record RecomputeResponse(int Months);
