namespace BillingFunctions.Domain.Reporting;

/// <summary>
/// The key figures of a quarter in minor units of one currency. Additive, so a summary row is the
/// sum of its invoices' contributions and can be kept current by adding the difference of one invoice.
/// </summary>
public sealed record QuarterFigures(
    long Invoiced, long Collected, long Outstanding, long Overdue,
    int InvoicedCount, int PaidCount, int OpenCount, int OverdueCount)
{
    public static QuarterFigures None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    public bool IsNone => this == None;

    public static QuarterFigures operator +(QuarterFigures a, QuarterFigures b) => new(
        checked(a.Invoiced + b.Invoiced), checked(a.Collected + b.Collected),
        checked(a.Outstanding + b.Outstanding), checked(a.Overdue + b.Overdue),
        a.InvoicedCount + b.InvoicedCount, a.PaidCount + b.PaidCount, a.OpenCount + b.OpenCount, a.OverdueCount + b.OverdueCount);

    public static QuarterFigures operator -(QuarterFigures a) => new(
        -a.Invoiced, -a.Collected, -a.Outstanding, -a.Overdue, -a.InvoicedCount, -a.PaidCount, -a.OpenCount, -a.OverdueCount);

    public static QuarterFigures operator -(QuarterFigures a, QuarterFigures b) => a + -b;
}
