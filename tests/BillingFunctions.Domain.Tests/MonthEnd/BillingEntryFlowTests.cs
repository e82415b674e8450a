using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.MonthEnd;
using BillingFunctions.Domain.Tenancy;
using static BillingFunctions.Domain.Tests.MonthEnd.MonthEndFixtures;

namespace BillingFunctions.Domain.Tests.MonthEnd;

public class BillingEntryFlowTests
{
    [Fact]
    public void Entry_goes_from_open_through_submission_and_approval_to_invoiced()
    {
        var entry = OpenEntry();
        Assert.Equal(BillingEntryStatus.Open, entry.Status);
        Assert.Equal(Rep.User, entry.Owner);
        Assert.Null(entry.Amount);

        Assert.True(entry.Submit(Rep, 1_234_50, Currency.Eur, "  November retainer ", Now).IsSuccess);
        Assert.Equal(BillingEntryStatus.Submitted, entry.Status);
        Assert.Equal(new Money(1_234_50, Currency.Eur), entry.Amount);
        Assert.Equal("November retainer", entry.Note);

        var approval = entry.Approve(NorthManager, Now.AddHours(1));
        Assert.True(approval.IsSuccess, approval.Error?.Message);
        Assert.Equal(BillingEntryStatus.Approved, entry.Status);
        var request = approval.Value;
        Assert.Equal(new Money(1_234_50, Currency.Eur), request.Amount);
        Assert.Equal("November retainer", request.Description);
        Assert.Equal(entry.Customer, request.Customer);
        Assert.Equal("cus_1@example.com", request.BillTo.Email);
        Assert.Equal($"month-end:cus_1:2026-11:v{entry.Version}:invoice", request.IdempotencyKey);

        Assert.True(entry.RecordInvoiced(new InvoiceId("inv_9"), Now.AddHours(2)).IsSuccess);
        Assert.Equal(BillingEntryStatus.Invoiced, entry.Status);
        Assert.Equal(new InvoiceId("inv_9"), entry.Invoice);
    }

    [Fact]
    public void Hearing_the_same_invoice_twice_changes_nothing_but_a_different_invoice_is_refused()
    {
        var entry = Submitted();
        entry.Approve(NorthManager, Now);
        entry.RecordInvoiced(new InvoiceId("inv_9"), Now);
        var version = entry.Version;

        Assert.True(entry.RecordInvoiced(new InvoiceId("inv_9"), Now).IsSuccess);
        Assert.Equal(version, entry.Version);
        Assert.Equal("illegal-transition", entry.RecordInvoiced(new InvoiceId("inv_other"), Now).Error?.Code);
        Assert.Equal(new InvoiceId("inv_9"), entry.Invoice);
    }

    [Fact]
    public void Returned_entry_keeps_the_comment_and_can_be_resubmitted_and_approved_under_a_new_key()
    {
        var entry = Submitted(500_00);
        var returned = entry.Return(NorthManager, "Hours for the 3rd are missing", Now);
        Assert.True(returned.IsSuccess, returned.Error?.Message);
        Assert.Equal(BillingEntryStatus.ReturnedForChanges, entry.Status);
        Assert.Equal("Hours for the 3rd are missing", entry.ReviewComment);
        Assert.Equal("illegal-transition", entry.Approve(NorthManager, Now).Error?.Code);

        Assert.True(entry.Submit(Rep, 620_00, Currency.Eur, "November incl. the 3rd", Now).IsSuccess);
        var approval = entry.Approve(NorthManager, Now);
        Assert.True(approval.IsSuccess, approval.Error?.Message);
        Assert.Equal(620_00, approval.Value.Amount.Minor);
        Assert.Null(entry.ReviewComment);
        Assert.EndsWith($":v{entry.Version}:invoice", approval.Value.IdempotencyKey);
        Assert.Equal(5, entry.Version); // opened, submitted, returned, resubmitted, approved
    }

    [Fact]
    public void Sending_back_needs_a_comment()
    {
        var entry = Submitted();
        Assert.Equal("invalid", entry.Return(NorthManager, "   ", Now).Error?.Code);
        Assert.Equal(BillingEntryStatus.Submitted, entry.Status);
    }

    [Fact]
    public void Illegal_transitions_are_refused_and_change_nothing()
    {
        var open = OpenEntry();
        Assert.Equal("illegal-transition", open.Approve(NorthManager, Now).Error?.Code);
        Assert.Equal("illegal-transition", open.Return(NorthManager, "why", Now).Error?.Code);
        Assert.Equal("illegal-transition", open.RecordInvoiced(new InvoiceId("inv_1"), Now).Error?.Code);

        var submitted = Submitted();
        Assert.Equal("illegal-transition", submitted.Submit(Rep, 1, Currency.Eur, "again", Now).Error?.Code);
        Assert.Equal("illegal-transition", submitted.RecordInvoiced(new InvoiceId("inv_1"), Now).Error?.Code);

        submitted.Approve(Finance, Now);
        var version = submitted.Version;
        Assert.Equal("illegal-transition", submitted.Return(NorthManager, "too late", Now).Error?.Code);
        Assert.Equal("illegal-transition", submitted.Approve(Finance, Now).Error?.Code);
        Assert.Equal("illegal-transition", submitted.Submit(Rep, 1, Currency.Eur, "change", Now).Error?.Code);
        Assert.Equal(version, submitted.Version);
        Assert.Equal(BillingEntryStatus.Approved, submitted.Status);
    }

    [Fact]
    public void Snapshot_round_trip_keeps_the_entry_as_it_was()
    {
        var entry = Submitted();
        var restored = BillingEntry.Restore(entry.ToSnapshot());
        Assert.Equal(entry.ToSnapshot(), restored.ToSnapshot());
        Assert.True(restored.Approve(NorthManager, Now).IsSuccess);
    }
}
