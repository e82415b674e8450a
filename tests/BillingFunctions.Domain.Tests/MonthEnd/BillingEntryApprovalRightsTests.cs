using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.MonthEnd;
using BillingFunctions.Domain.Tenancy;
using static BillingFunctions.Domain.Tests.MonthEnd.MonthEndFixtures;

namespace BillingFunctions.Domain.Tests.MonthEnd;

public class BillingEntryApprovalRightsTests
{
    [Fact]
    public void A_rep_cannot_approve_their_own_entry()
    {
        var entry = Submitted();
        Assert.Equal("forbidden", entry.Approve(Rep, Now).Error?.Code);
        Assert.Equal(BillingEntryStatus.Submitted, entry.Status);
    }

    [Fact]
    public void A_submitting_manager_cannot_approve_their_own_entry_either()
    {
        var managerOwned = OpenEntry(Customer(owner: NorthManager));
        Assert.True(managerOwned.Submit(NorthManager, 100_00, Currency.Eur, "Own client", Now).IsSuccess);
        Assert.Equal("forbidden", managerOwned.Approve(NorthManager, Now).Error?.Code);
        Assert.Equal("forbidden", managerOwned.Return(NorthManager, "self", Now).Error?.Code);
        Assert.True(managerOwned.Approve(Finance, Now).IsSuccess);
    }

    [Fact]
    public void A_manager_of_another_team_cannot_approve_or_send_back()
    {
        var entry = Submitted();
        Assert.Equal("forbidden", entry.Approve(SouthManager, Now).Error?.Code);
        Assert.Equal("forbidden", entry.Return(SouthManager, "no", Now).Error?.Code);
        Assert.Equal(BillingEntryStatus.Submitted, entry.Status);
    }

    [Fact]
    public void A_manager_without_a_team_cannot_approve()
    {
        var entry = Submitted();
        var loose = new Actor(Tenant, new UserId("boss-x"), Role.Manager, null);
        Assert.Equal("forbidden", entry.Approve(loose, Now).Error?.Code);
    }

    [Fact]
    public void Another_rep_of_the_same_team_cannot_approve()
    {
        var entry = Submitted();
        Assert.Equal("forbidden", entry.Approve(OtherRep, Now).Error?.Code);
    }

    [Fact]
    public void Finance_and_admins_can_approve_any_team()
    {
        var byFinance = Submitted();
        Assert.True(byFinance.Approve(Finance, Now).IsSuccess);
        var byAdmin = Submitted();
        Assert.True(byAdmin.Approve(new Actor(Tenant, new UserId("root"), Role.Admin, South), Now).IsSuccess);
    }

    [Fact]
    public void Only_the_owner_enters_the_amount()
    {
        var entry = OpenEntry();
        Assert.Equal("forbidden", entry.Submit(OtherRep, 100, Currency.Eur, "not mine", Now).Error?.Code);
        Assert.Equal("forbidden", entry.Submit(NorthManager, 100, Currency.Eur, "on behalf", Now).Error?.Code);
        Assert.Equal(BillingEntryStatus.Open, entry.Status);
    }
}
