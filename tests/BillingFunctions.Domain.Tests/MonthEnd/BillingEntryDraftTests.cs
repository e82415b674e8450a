using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.MonthEnd;
using static BillingFunctions.Domain.Tests.MonthEnd.MonthEndFixtures;

namespace BillingFunctions.Domain.Tests.MonthEnd;

public class BillingEntryDraftTests
{
    [Fact]
    public void Entering_an_amount_keeps_the_entry_open_for_the_rep_to_submit_later()
    {
        var entry = OpenEntry();

        Assert.True(entry.Enter(Rep, 980_00, Currency.Eur, "  Retainer ").IsSuccess);

        Assert.Equal((BillingEntryStatus.Open, 980_00L, "Retainer", 2), (entry.Status, entry.Amount?.Minor, entry.Note, entry.Version));
        Assert.False(entry.Approve(NorthManager, Now).IsSuccess);
    }

    [Fact]
    public void Entering_follows_the_submission_rules()
    {
        var entry = OpenEntry();

        Assert.Equal("forbidden", entry.Enter(OtherRep, 100, Currency.Eur, "Work").Error?.Code);
        Assert.Equal("invalid", entry.Enter(Rep, 0, Currency.Eur, "Work").Error?.Code);
        Assert.Equal("invalid", entry.Enter(Rep, 100, Currency.Usd, "Work").Error?.Code);
        Assert.Equal("invalid", entry.Enter(Rep, 100, Currency.Eur, new string('x', BillingEntry.MaxNoteLength + 1)).Error?.Code);
        Assert.Equal((1, (Money?)null), (entry.Version, entry.Amount));
    }

    [Fact]
    public void A_submitted_entry_cannot_be_changed_until_it_is_sent_back()
    {
        var entry = Submitted();
        Assert.Equal("illegal-transition", entry.Enter(Rep, 100, Currency.Eur, "Work").Error?.Code);

        Assert.True(entry.Return(NorthManager, "Too high", Now).IsSuccess);
        Assert.True(entry.Enter(Rep, 100, Currency.Eur, "Work").IsSuccess);
        Assert.Equal(BillingEntryStatus.ReturnedForChanges, entry.Status);
    }
}
