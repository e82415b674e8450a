using BillingFunctions.Domain.Invoices;
using static BillingFunctions.Domain.Tests.Invoices.InvoiceFixtures;

namespace BillingFunctions.Domain.Tests.Invoices;

public class StripeObservationTests
{
    private static StripeInvoiceObservation Seen(InvoiceStatus status, int minutes, long paid = 0) =>
        new("in_1", status, paid, "INV-1", "http://stripe/hosted/in_1", Now.AddMinutes(minutes));

    private static readonly StripeInvoiceObservation[] PaidHistory =
    [
        Seen(InvoiceStatus.Draft, 0), Seen(InvoiceStatus.Open, 1), Seen(InvoiceStatus.Open, 2), Seen(InvoiceStatus.Paid, 3, 4463),
    ];

    public static IEnumerable<object[]> EveryOrder() => Permutations(PaidHistory).Select(p => new object[] { p });

    [Theory]
    [MemberData(nameof(EveryOrder))]
    public void Any_delivery_order_ends_paid_with_the_amount_paid(StripeInvoiceObservation[] order)
    {
        var invoice = Draft();
        foreach (var seen in order) invoice.Apply(seen);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(4463, invoice.AmountPaid.Minor);
        Assert.Equal(0, invoice.AmountDue.Minor);
    }

    [Fact]
    public void A_duplicate_delivery_changes_nothing_the_second_time()
    {
        var invoice = Open();
        Assert.NotNull(invoice.Apply(Seen(InvoiceStatus.Paid, 3, 4463)));
        var after = invoice.ToSnapshot();
        Assert.Null(invoice.Apply(Seen(InvoiceStatus.Paid, 3, 4463)));
        Assert.Equal(after, invoice.ToSnapshot());
    }

    [Fact]
    public void A_late_open_event_does_not_reopen_a_voided_invoice()
    {
        var invoice = Open();
        invoice.Void(Now);
        Assert.Null(invoice.Apply(Seen(InvoiceStatus.Open, 1)));
        Assert.Equal(InvoiceStatus.Void, invoice.Status);
    }

    [Fact]
    public void Events_for_another_stripe_invoice_are_ignored()
    {
        var invoice = Open();
        Assert.Null(invoice.Apply(Seen(InvoiceStatus.Paid, 3, 4463) with { StripeInvoiceId = "in_other" }));
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
    }

    private static IEnumerable<T[]> Permutations<T>(T[] items) =>
        items.Length <= 1 ? [items]
        : items.SelectMany((item, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (T[])[item, .. rest]));
}
