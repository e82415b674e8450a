using System.Net;
using StripeEmulator.Tests.Support;

namespace StripeEmulator.Tests.Payments;

/// <summary>
/// Stripe charges KWD, BHD, JOD, OMR and TND to two decimals' precision: an amount in them whose last digit is not 0 is
/// refused with a 400 naming the parameter, and nothing is created.
/// </summary>
public sealed class ThreeDecimalCurrencyTests : EmulatorTest
{
    [Theory]
    [InlineData("kwd")]
    [InlineData("bhd")]
    [InlineData("jod")]
    [InlineData("omr")]
    [InlineData("tnd")]
    public async Task An_invoice_item_amount_not_ending_in_zero_is_refused_and_nothing_is_added(string currency)
    {
        var customer = await Stripe.CustomerAsync();
        var draft = (await Stripe.PostAsync("/v1/invoices", ("customer", customer), ("currency", currency))).EnsureOk();

        var refused = await Stripe.PostAsync("/v1/invoiceitems", ("customer", customer), ("invoice", draft.Id),
            ("amount", "1296"), ("currency", currency));
        var accepted = await Stripe.PostAsync("/v1/invoiceitems", ("customer", customer), ("invoice", draft.Id),
            ("amount", "1300"), ("currency", currency));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(("invalid_request_error", "amount"), (refused.Error["type"]!.ToString(), refused.Error["param"]!.ToString()));
        Assert.Contains(currency, refused.Error["message"]!.ToString());
        accepted.EnsureOk();
        Assert.Equal("1300", (await Stripe.GetAsync($"/v1/invoices/{draft.Id}")).EnsureOk()["total"]);
    }

    [Fact]
    public async Task A_unit_amount_decimal_not_ending_in_zero_is_refused_even_when_the_quantity_would_round_it()
    {
        var customer = await Stripe.CustomerAsync();

        var refused = await Stripe.PostAsync("/v1/invoiceitems", ("customer", customer), ("unit_amount_decimal", "1295"),
            ("quantity", "2"), ("currency", "kwd"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("unit_amount_decimal", refused.Error["param"]!.ToString());
    }

    [Fact]
    public async Task The_same_amounts_are_fine_in_two_and_zero_decimal_currencies()
    {
        (await Stripe.PostAsync("/v1/invoiceitems", ("customer", await Stripe.CustomerAsync()), ("amount", "1296"), ("currency", "usd"))).EnsureOk();
        (await Stripe.PostAsync("/v1/invoiceitems", ("customer", await Stripe.CustomerAsync()), ("amount", "1296"), ("currency", "jpy"))).EnsureOk();
    }

    [Fact]
    public async Task Refunds_and_credit_notes_in_kwd_must_end_in_zero_too()
    {
        var customer = await Stripe.CustomerWithDefaultCardAsync("pm_card_visa");
        var invoice = await Stripe.OpenInvoiceAsync(customer, 5000, "kwd");
        (await Stripe.PostAsync($"/v1/invoices/{invoice}/pay")).EnsureOk();
        var paidCharge = await Stripe.LatestChargeOfAsync(invoice);

        var refund = await Stripe.PostAsync("/v1/refunds", ("charge", paidCharge), ("amount", "1005"));
        var note = await Stripe.PostAsync("/v1/credit_notes", ("invoice", invoice), ("amount", "1005"), ("credit_amount", "1005"));
        var noteSplit = await Stripe.PostAsync("/v1/credit_notes", ("invoice", invoice), ("amount", "1010"), ("credit_amount", "1005"),
            ("out_of_band_amount", "5"));

        Assert.Equal((HttpStatusCode.BadRequest, "amount"), (refund.Status, refund.Error["param"]!.ToString()));
        Assert.Equal((HttpStatusCode.BadRequest, "amount"), (note.Status, note.Error["param"]!.ToString()));
        Assert.Equal((HttpStatusCode.BadRequest, "credit_amount"), (noteSplit.Status, noteSplit.Error["param"]!.ToString()));
        var charge = (await Stripe.ControlGetAsync($"/_emulator/charges?invoice={invoice}"))["data"]![0]!;
        Assert.Equal("0", charge["amount_refunded"]!.ToString());
        (await Stripe.PostAsync("/v1/refunds", ("charge", paidCharge), ("amount", "1000"))).EnsureOk();
    }
}
