using BillingFunctions.Domain.Invoices;
using static BillingFunctions.Domain.Tests.Invoices.InvoiceFixtures;

namespace BillingFunctions.Domain.Tests.Invoices;

public class InvoiceLifecycleTests
{
    [Fact]
    public void Totals_are_lines_times_quantity_plus_tax_per_line()
    {
        var invoice = Draft(Request(lines: [new("A", 3, 12_50, 1900), new("B", 1, 99, null)]));
        Assert.Equal(37_50 + 99, invoice.Subtotal.Minor);
        Assert.Equal(713, invoice.Tax.Minor); // 19% of 37.50 = 7.125 → 7.13
        Assert.Equal(37_50 + 99 + 713, invoice.Total.Minor);
        Assert.Equal(invoice.Total, invoice.AmountDue);
    }

    [Fact]
    public void Finalizing_sets_the_due_date_from_days_until_due_in_the_tenant_calendar()
    {
        var invoice = Draft();
        Assert.True(invoice.Finalize(Now, Today).IsSuccess);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(Today.AddDays(14), invoice.DueDate);
    }

    [Fact]
    public void A_zero_total_invoice_is_paid_when_finalized_like_stripe_does()
    {
        var invoice = Draft(Request(lines: new NewInvoiceLine("Free", 1, 0, null)));
        invoice.Finalize(Now, Today);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
    }

    [Fact]
    public void Lines_cannot_change_once_the_invoice_is_open()
    {
        var invoice = Open();
        var result = invoice.AddLine(new NewInvoiceLine("Late add", 1, 100, null));
        Assert.Equal("illegal-transition", result.Error?.Code);
        Assert.Single(invoice.Lines);
    }

    [Fact]
    public void Paid_and_void_are_final()
    {
        var paid = Open();
        Assert.True(paid.MarkPaid(paid.Total.Minor, Now).IsSuccess);
        Assert.False(paid.Void(Now).IsSuccess);
        Assert.False(paid.MarkUncollectible(Now).IsSuccess);
        Assert.False(paid.Hold(null).IsSuccess);

        var voided = Open();
        Assert.True(voided.Void(Now).IsSuccess);
        Assert.False(voided.MarkPaid(1, Now).IsSuccess);
        Assert.Equal(0, voided.AmountDue.Minor);
    }

    [Fact]
    public void An_uncollectible_invoice_can_still_be_paid_or_voided()
    {
        var invoice = Open();
        Assert.True(invoice.MarkUncollectible(Now).IsSuccess);
        Assert.True(invoice.MarkPaid(invoice.Total.Minor, Now).IsSuccess);
    }

    [Fact]
    public void A_draft_cannot_be_voided_paid_or_marked_uncollectible()
    {
        var draft = Draft();
        Assert.False(draft.Void(Now).IsSuccess);
        Assert.False(draft.MarkPaid(1, Now).IsSuccess);
        Assert.False(draft.MarkUncollectible(Now).IsSuccess);
        Assert.Equal(InvoiceStatus.Draft, draft.Status);
    }

    [Fact]
    public void Held_invoices_show_apart_and_paying_releases_the_hold()
    {
        var invoice = Open();
        invoice.Hold("customer disputes line 2");
        Assert.Equal(InvoiceView.OnHold, invoice.View);
        invoice.MarkPaid(invoice.Total.Minor, Now);
        Assert.Equal(InvoiceView.Paid, invoice.View);
    }

    [Fact]
    public void An_open_invoice_becomes_overdue_only_after_its_due_date()
    {
        var invoice = Open();
        Assert.Null(invoice.FlagIfPastDue(Today.AddDays(14)));
        Assert.NotNull(invoice.FlagIfPastDue(Today.AddDays(15)));
        Assert.Equal(InvoiceView.Overdue, invoice.View);
        Assert.Null(invoice.FlagIfPastDue(Today.AddDays(16)));
    }
}
