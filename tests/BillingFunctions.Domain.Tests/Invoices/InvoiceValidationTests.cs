using BillingFunctions.Domain.Invoices;
using static BillingFunctions.Domain.Tests.Invoices.InvoiceFixtures;

namespace BillingFunctions.Domain.Tests.Invoices;

public class InvoiceValidationTests
{
    public static TheoryData<NewInvoiceLine> BadLines => new()
    {
        new NewInvoiceLine("Negative", 1, -100, null),
        new NewInvoiceLine("Absurd", 1, InvoiceLimits.MaxAmountMinor + 1, null),
        new NewInvoiceLine("Absurd product", 10_000, 100_000, null),
        new NewInvoiceLine("Zero quantity", 0, 100, null),
        new NewInvoiceLine("", 1, 100, null),
        new NewInvoiceLine("Tax over 100%", 1, 100, 10_001),
        new NewInvoiceLine(new string('x', InvoiceLimits.MaxDescriptionLength + 1), 1, 100, null),
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void Bad_lines_are_rejected_with_an_invalid_error(NewInvoiceLine line)
    {
        var result = Invoice.CreateDraft(Request(lines: line), Now, Today);
        Assert.Equal("invalid", result.Error?.Code);
    }

    [Fact]
    public void A_credit_line_is_negative_and_lowers_the_total_and_a_credit_heavy_invoice_finalizes_paid()
    {
        var created = Invoice.CreateDraft(Request(lines: [new NewInvoiceLine("Plan", 1, 1000, null),
            new NewInvoiceLine("Unused time", 1, -1500, null) { MayBeCredit = true }]), Now, Today);

        var invoice = created.Value;
        Assert.Equal(-500, invoice.Total.Minor);
        Assert.True(invoice.Finalize(Now, Today).IsSuccess);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
    }

    [Fact]
    public void A_credit_line_is_still_bounded() =>
        Assert.Equal("invalid", Invoice.CreateDraft(Request(lines: new NewInvoiceLine("Huge credit", 1, -InvoiceLimits.MaxAmountMinor - 1, null)
            { MayBeCredit = true }), Now, Today).Error?.Code);

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/label")]
    [InlineData("hash#")]
    [InlineData("")]
    public void Labels_that_cannot_sit_in_a_row_key_are_rejected(string label) =>
        Assert.False(Label.Create(label).IsSuccess);

    [Fact]
    public void Oversized_labels_are_rejected() => Assert.False(Label.Create(new string('a', Label.MaxLength + 1)).IsSuccess);

    [Fact]
    public void Labels_are_normalised_to_lower_case_and_kept_once()
    {
        var invoice = Draft();
        invoice.AddLabel("Q4");
        Assert.Equal(["consulting", "q4"], invoice.Labels.Select(l => l.Value));
    }

    [Fact]
    public void A_total_over_stripes_limit_is_rejected_even_when_each_line_is_fine()
    {
        var half = InvoiceLimits.MaxAmountMinor / 2 + 1;
        var result = Invoice.CreateDraft(Request(lines: [new("A", 1, half, null), new("B", 1, half, null)]), Now, Today);
        Assert.Equal("invalid", result.Error?.Code);
    }

    [Fact]
    public void A_due_date_in_the_past_is_rejected()
    {
        var request = Request(daysUntilDue: null) with { DueDate = Today.AddDays(-1) };
        Assert.False(Invoice.CreateDraft(request, Now, Today).IsSuccess);
    }

    [Fact]
    public void Automatically_charged_invoices_take_no_due_date() =>
        Assert.False(Invoice.CreateDraft(Request(CollectionMethod.ChargeAutomatically, daysUntilDue: 10), Now, Today).IsSuccess);
}
