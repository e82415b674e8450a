using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.MonthEnd;
using BillingFunctions.Domain.Tenancy;
using static BillingFunctions.Domain.Tests.MonthEnd.MonthEndFixtures;

namespace BillingFunctions.Domain.Tests.MonthEnd;

public class MonthEndReportTests
{
    private static readonly Actor SouthRep = new(Tenant, new UserId("rep-s"), Role.Rep, South);
    private static readonly BillingPeriod October = BillingPeriod.Of(new DateOnly(2026, 10, 1));

    [Fact]
    public void Report_lists_per_rep_and_per_team_the_customers_without_an_invoiced_entry()
    {
        var billed = Customer("cus_billed");
        var submitted = Customer("cus_submitted");
        var noEntry = Customer("cus_no_entry", owner: OtherRep);
        var south = Customer("cus_south", owner: SouthRep);
        var submittedEntry = OpenEntry(submitted);
        submittedEntry.Submit(Rep, 10_00, Currency.Eur, "Work", Now);
        BillingEntrySnapshot[] entries =
        [
            Invoiced(billed, November).ToSnapshot(), submittedEntry.ToSnapshot(), OpenEntry(south).ToSnapshot(),
            Invoiced(noEntry, October).ToSnapshot(), // last month's invoice does not bill November
        ];

        var report = MonthEndReport.For(November, [billed, submitted, noEntry, south], entries, Now);

        Assert.Equal(["rep-a", "rep-b", "rep-s"], report.PerRep.Select(r => r.Rep.Value));
        var repA = report.PerRep[0];
        Assert.Equal(["cus_submitted"], repA.NotBilled.Select(c => c.Customer.Value));
        Assert.Equal(BillingEntryStatus.Submitted, repA.NotBilled[0].EntryStatus);
        var repB = report.PerRep[1];
        Assert.Equal(["cus_no_entry"], repB.NotBilled.Select(c => c.Customer.Value));
        Assert.Null(repB.NotBilled[0].EntryStatus);

        Assert.Equal([North, South], report.PerTeam.Select(t => t.Team!.Value));
        Assert.Equal(["cus_no_entry", "cus_submitted"], report.PerTeam[0].NotBilled.Select(c => c.Customer.Value));
        Assert.Equal(["cus_south"], report.PerTeam[1].NotBilled.Select(c => c.Customer.Value));
    }

    [Fact]
    public void When_every_customer_is_invoiced_nobody_is_listed()
    {
        var a = Customer("cus_a");
        var b = Customer("cus_b", owner: SouthRep);
        var report = MonthEndReport.For(November, [a, b], [Invoiced(a, November).ToSnapshot(), Invoiced(b, November).ToSnapshot()], Now);
        Assert.Empty(report.PerRep);
        Assert.Empty(report.PerTeam);
    }

    [Fact]
    public void An_unbilled_entry_is_listed_under_the_rep_it_was_opened_for_even_after_reassignment()
    {
        var entry = OpenEntry(Customer("cus_moved"));
        var nowOwnedBySouth = Customer("cus_moved", owner: SouthRep);
        var report = MonthEndReport.For(November, [nowOwnedBySouth], [entry.ToSnapshot()], Now);
        Assert.Equal(Rep.User, Assert.Single(report.PerRep).Rep);
        Assert.Equal(North, Assert.Single(report.PerTeam).Team);
    }

    [Fact]
    public void Overdue_lists_entries_of_any_period_past_their_deadline_that_are_not_invoiced()
    {
        var december = November.Next;
        var oldOpen = OpenEntry(Customer("cus_old"), October);           // deadline 31 Oct
        var oldApproved = OpenEntry(Customer("cus_approved"), October);
        oldApproved.Submit(Rep, 10_00, Currency.Eur, "Work", Now);
        oldApproved.Approve(NorthManager, Now);                          // approved but the charge never landed
        var oldInvoiced = Invoiced(Customer("cus_paid"), October);
        var current = OpenEntry(Customer("cus_now"), November);           // deadline 1 Dec
        var future = OpenEntry(Customer("cus_next"), december);

        var at = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        var report = MonthEndReport.For(November, [], new[] { current, oldInvoiced, oldApproved, oldOpen, future }.Select(e => e.ToSnapshot()), at);

        Assert.Equal(["cus_approved", "cus_old"], report.Overdue.Select(o => o.Customer.Value).Order());
        Assert.All(report.Overdue, o => Assert.Equal(October, o.Period));
        Assert.Contains(report.Overdue, o => o.Status == BillingEntryStatus.Approved);

        var later = MonthEndReport.For(November, [], [current.ToSnapshot()], current.DeadlineAt.AddMinutes(1));
        var overdue = Assert.Single(later.Overdue);
        Assert.Equal(Rep.User, overdue.Rep);
        Assert.Equal(North, overdue.Team);
    }

    [Fact]
    public void The_same_entry_given_twice_is_counted_once()
    {
        var entry = OpenEntry().ToSnapshot();
        var report = MonthEndReport.For(November, [Customer()], [entry, entry], entry.DeadlineAt.AddDays(1));
        Assert.Single(Assert.Single(report.PerRep).NotBilled);
        Assert.Single(report.Overdue);
    }
}
