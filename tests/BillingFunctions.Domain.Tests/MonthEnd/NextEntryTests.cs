using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.MonthEnd;
using BillingFunctions.Domain.Tenancy;
using static BillingFunctions.Domain.Tests.MonthEnd.MonthEndFixtures;

namespace BillingFunctions.Domain.Tests.MonthEnd;

public class NextEntryTests
{
    [Fact]
    public void Next_entry_carries_the_customer_details_but_never_the_amount_or_note()
    {
        var entry = Submitted(987_65);
        entry.Return(NorthManager, "Wrong hours", Now);
        entry.Submit(Rep, 999_00, Currency.Eur, "Fixed", Now);
        entry.Approve(NorthManager, Now);
        entry.RecordInvoiced(new InvoiceId("inv_nov"), Now);

        var next = entry.NextEntry(TenantCalendar.Utc);
        var before = entry.ToSnapshot();
        var after = next.ToSnapshot();

        Assert.Equal(before.Customer, after.Customer);
        Assert.Equal(before.Owner, after.Owner);
        Assert.Equal(before.OwnerTeam, after.OwnerTeam);
        Assert.Equal(before.Currency, after.Currency);
        Assert.Equal(before.BillingDetails, after.BillingDetails);

        Assert.Equal(BillingEntryStatus.Open, next.Status);
        Assert.Null(next.Amount);
        Assert.Null(after.AmountMinor);
        Assert.Null(next.Note);
        Assert.Null(next.ReviewComment);
        Assert.Null(next.Invoice);
        Assert.Null(after.SubmittedBy);
        Assert.Null(after.ReviewedBy);
        Assert.Equal(1, next.Version);
    }

    [Fact]
    public void Next_entry_is_for_the_following_month_with_its_own_id_and_deadline()
    {
        var january = OpenEntry(period: BillingPeriod.Of(new DateOnly(2028, 1, 1)));
        var february = january.NextEntry(TenantCalendar.Utc);
        Assert.Equal("2028-02", february.Period.ToString());
        Assert.Equal(new BillingEntryId("month-end:cus_1:2028-02"), february.Id);
        Assert.NotEqual(january.Id, february.Id);
        Assert.Equal(new DateTimeOffset(2028, 3, 2, 0, 0, 0, TimeSpan.Zero), february.DeadlineAt);
    }

    [Fact]
    public void Next_entry_can_be_opened_while_this_month_is_still_unbilled()
    {
        var entry = Submitted();
        var next = entry.NextEntry(TenantCalendar.Utc);
        Assert.Equal(BillingEntryStatus.Open, next.Status);
        Assert.Equal(BillingEntryStatus.Submitted, entry.Status);
    }

    [Fact]
    public void Opening_the_same_customer_and_period_twice_gives_the_same_id()
    {
        Assert.Equal(OpenEntry().Id, OpenEntry().Id);
    }
}
