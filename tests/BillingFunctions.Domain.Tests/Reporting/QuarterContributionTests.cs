using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Reporting;
using BillingFunctions.Domain.Tenancy;
using static BillingFunctions.Domain.Tests.Invoices.InvoiceFixtures;

namespace BillingFunctions.Domain.Tests.Reporting;

public class QuarterContributionTests
{
    private static readonly TenantCalendar Calendar = TenantCalendar.Utc;

    [Fact]
    public void Invoiced_in_the_finalizing_quarter_collected_in_the_paying_quarter()
    {
        var invoice = Draft();
        invoice.Finalize(new DateTimeOffset(2026, 12, 30, 12, 0, 0, TimeSpan.Zero), Today);
        invoice.MarkPaid(invoice.Total.Minor, new DateTimeOffset(2027, 1, 2, 12, 0, 0, TimeSpan.Zero));

        var figures = QuarterContribution.Of(invoice.ToSnapshot(), Calendar);

        var q4 = figures.Single(f => f.Key.Quarter == new Quarter(2026, 4)).Value;
        var q1 = figures.Single(f => f.Key.Quarter == new Quarter(2027, 1)).Value;
        Assert.Equal((invoice.Total.Minor, 0L, 0L), (q4.Invoiced, q4.Collected, q4.Outstanding));
        Assert.Equal((0L, invoice.Total.Minor, 1), (q1.Invoiced, q1.Collected, q1.PaidCount));
    }

    [Fact]
    public void The_quarter_follows_the_tenants_time_zone()
    {
        var tokyo = new TenantCalendar(TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        var lateOnNewYearsEveUtc = new DateTimeOffset(2026, 12, 31, 20, 0, 0, TimeSpan.Zero);
        Assert.Equal(new Quarter(2027, 1), tokyo.QuarterOf(lateOnNewYearsEveUtc));
        Assert.Equal(new Quarter(2026, 4), Calendar.QuarterOf(lateOnNewYearsEveUtc));
    }

    [Fact]
    public void Summing_the_deltas_of_every_change_equals_a_recount_of_the_final_invoices()
    {
        var random = new Random(20261121);
        var running = new Dictionary<SummaryKey, QuarterFigures>();
        var finals = new List<InvoiceSnapshot>();
        for (var n = 0; n < 300; n++)
        {
            var invoice = Draft(Request(lines: new NewInvoiceLine("Work", random.Next(1, 5), random.Next(0, 50_000),
                random.Next(0, 2) == 0 ? null : 2000)));
            var at = Now.AddDays(random.Next(0, 200));
            InvoiceSnapshot? before = null;
            void Step(Action change)
            {
                change();
                foreach (var (key, delta) in QuarterContribution.Delta(before, invoice.ToSnapshot(), Calendar))
                    running[key] = running.TryGetValue(key, out var sum) ? sum + delta : delta;
                before = invoice.ToSnapshot();
            }
            Step(() => { });
            for (var s = 0; s < 6; s++)
            {
                at = at.AddDays(random.Next(0, 60));
                var choice = random.Next(0, 7);
                Step(() => _ = choice switch
                {
                    0 => invoice.Finalize(at, Calendar.Today(at)).IsSuccess,
                    1 => invoice.MarkPaid(invoice.Total.Minor, at).IsSuccess,
                    2 => invoice.Void(at).IsSuccess,
                    3 => invoice.MarkUncollectible(at).IsSuccess,
                    4 => invoice.FlagIfPastDue(Calendar.Today(at)) is not null,
                    5 => invoice.Hold(null).IsSuccess,
                    _ => invoice.Release().IsSuccess,
                });
            }
            finals.Add(invoice.ToSnapshot());
        }

        var recount = new Dictionary<SummaryKey, QuarterFigures>();
        foreach (var (key, value) in finals.SelectMany(f => QuarterContribution.Of(f, Calendar)))
            recount[key] = recount.TryGetValue(key, out var sum) ? sum + value : value;

        Assert.Equal(
            recount.Where(p => !p.Value.IsNone).OrderBy(p => p.Key.Quarter.ToString()).ToList(),
            running.Where(p => !p.Value.IsNone).OrderBy(p => p.Key.Quarter.ToString()).ToList());
        Assert.Contains(recount.Values, f => f.Collected > 0);
        Assert.Contains(recount.Values, f => f.Overdue > 0);
    }
}
