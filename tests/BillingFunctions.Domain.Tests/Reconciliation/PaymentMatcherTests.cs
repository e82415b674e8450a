using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Reconciliation;

namespace BillingFunctions.Domain.Tests.Reconciliation;

public class PaymentMatcherTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static Money Usd(long minor) => new(minor, Currency.Usd);

    private static StripePayment Charge(string id, string? pi, string? invoice, long amount, int minutes = 0) =>
        new(id, pi, invoice, Usd(amount), T0.AddMinutes(minutes), PaymentRecordSource.Charge);

    private static StripePayment PaidEvent(string id, string? pi, string invoice, long amount, int minutes = 0) =>
        new(id, pi, invoice, Usd(amount), T0.AddMinutes(minutes), PaymentRecordSource.InvoicePaidEvent);

    private static readonly InvoiceToReconcile[] Invoices =
        [new("in_a", Usd(5000)), new("in_b", Usd(1200)), new("in_c", Usd(999))];

    [Fact]
    public void A_charge_and_its_invoice_paid_event_are_one_payment_matched_to_its_invoice()
    {
        var report = PaymentMatcher.Match(Invoices, [Charge("ch_1", "pi_1", "in_a", 5000), PaidEvent("evt_1", "pi_1", "in_a", 5000, 1)]);

        var match = Assert.Single(report.Matched);
        Assert.Equal("in_a", match.StripeInvoiceId);
        Assert.Equal(["ch_1", "evt_1"], match.Payment.RecordIds);
        Assert.True(report.IsClean);
    }

    [Fact]
    public void A_charge_without_an_invoice_id_still_matches_through_its_payment_intent()
    {
        var report = PaymentMatcher.Match(Invoices, [Charge("ch_1", "pi_1", null, 1200), PaidEvent("evt_1", "pi_1", "in_b", 1200)]);

        Assert.Equal("in_b", Assert.Single(report.Matched).StripeInvoiceId);
    }

    [Fact]
    public void Payments_with_no_invoice_or_an_unknown_one_are_reported_with_the_reason()
    {
        var report = PaymentMatcher.Match(Invoices, [Charge("ch_1", "pi_1", null, 700), Charge("ch_2", "pi_2", "in_zzz", 800)]);

        Assert.Equal(
            [("pi_1", UnmatchedReason.NoInvoiceOnPayment), ("pi_2", UnmatchedReason.UnknownInvoice)],
            report.PaymentsWithoutInvoice.Select(p => (p.Payment.PaymentKey, p.Reason)));
        Assert.Empty(report.Matched);
    }

    [Fact]
    public void Two_different_payments_for_one_invoice_are_reported_as_paid_twice()
    {
        var report = PaymentMatcher.Match(Invoices,
        [
            Charge("ch_2", "pi_2", "in_a", 5000, minutes: 30), PaidEvent("evt_1", "pi_1", "in_a", 5000), Charge("ch_1", "pi_1", "in_a", 5000),
        ]);

        var twice = Assert.Single(report.InvoicesPaidTwice);
        Assert.Equal("in_a", twice.StripeInvoiceId);
        Assert.Equal(["pi_1", "pi_2"], twice.Payments.Select(p => p.PaymentKey));
        Assert.Empty(report.Matched);
    }

    [Theory]
    [InlineData(1100)]
    [InlineData(1300)]
    public void A_payment_of_a_different_amount_is_a_mismatch(long paid)
    {
        var report = PaymentMatcher.Match(Invoices, [Charge("ch_1", "pi_1", "in_b", paid)]);

        var mismatch = Assert.Single(report.AmountMismatches);
        Assert.Equal(Usd(1200), mismatch.AmountDue);
        Assert.Equal(Usd(paid), mismatch.Payment.Amount);
    }

    [Fact]
    public void The_same_number_in_another_currency_is_a_mismatch()
    {
        var report = PaymentMatcher.Match(Invoices, [new StripePayment("ch_1", "pi_1", "in_c", new Money(999, Currency.Eur), T0,
            PaymentRecordSource.Charge)]);

        Assert.Single(report.AmountMismatches);
    }

    [Fact]
    public void Records_of_one_payment_that_disagree_are_flagged_and_the_charge_amount_counts()
    {
        var report = PaymentMatcher.Match(Invoices, [PaidEvent("evt_1", "pi_1", "in_b", 1000), Charge("ch_1", "pi_1", "in_b", 1200)]);

        Assert.Equal("pi_1", Assert.Single(report.Conflicts).PaymentKey);
        Assert.Equal(Usd(1200), Assert.Single(report.Matched).Payment.Amount);
        Assert.False(report.IsClean);
    }

    [Fact]
    public void The_same_record_delivered_twice_is_not_a_double_payment()
    {
        var charge = Charge("ch_1", null, "in_c", 999);

        var report = PaymentMatcher.Match(Invoices, [charge, charge]);

        Assert.Equal(["ch_1"], Assert.Single(report.Matched).Payment.RecordIds);
        Assert.Empty(report.InvoicesPaidTwice);
        Assert.Empty(report.Conflicts);
    }

    [Fact]
    public void Unpaid_invoices_are_neither_matched_nor_flagged()
    {
        var report = PaymentMatcher.Match(Invoices, []);

        Assert.True(report.IsClean);
        Assert.Empty(report.Matched);
    }
}
