using System.Net;
using StripeEmulator.Tests.Support;

namespace StripeEmulator.Tests.Payments;

public sealed class RefundAndCreditNoteTests : EmulatorTest
{
    [Fact]
    public async Task Refunds_add_up_to_the_charge_and_no_further()
    {
        var (_, charge) = await PaidInvoiceAsync(3000);

        var partial = (await Stripe.PostAsync("/v1/refunds", ("charge", charge), ("amount", "1000"))).EnsureOk();
        var tooMuch = await Stripe.PostAsync("/v1/refunds", ("charge", charge), ("amount", "2500"));
        var rest = (await Stripe.PostAsync("/v1/refunds", ("charge", charge))).EnsureOk();
        var again = await Stripe.PostAsync("/v1/refunds", ("charge", charge));

        Assert.Equal(("1000", "succeeded"), (partial["amount"], partial["status"]));
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.Status);
        Assert.Equal("2000", rest["amount"]);
        Assert.Equal("charge_already_refunded", again.Error["code"]!.ToString());
        var charges = await Stripe.ControlGetAsync("/_emulator/charges");
        Assert.Equal(("3000", "true"), (charges["data"]![0]!["amount_refunded"]!.ToString(), charges["data"]![0]!["refunded"]!.ToString()));
    }

    [Fact]
    public async Task A_credit_note_on_an_open_invoice_lowers_what_is_due()
    {
        var customer = await Stripe.CustomerAsync();
        var invoice = await Stripe.OpenInvoiceAsync(customer, 5000);

        var note = (await Stripe.PostAsync("/v1/credit_notes", ("invoice", invoice), ("amount", "1500"), ("reason", "order_change"))).EnsureOk();
        var after = (await Stripe.GetAsync($"/v1/invoices/{invoice}")).EnsureOk();
        var tooMuch = await Stripe.PostAsync("/v1/credit_notes", ("invoice", invoice), ("amount", "4000"));

        Assert.Equal(("pre_payment", "1500", "issued"), (note["type"], note["total"], note["status"]));
        Assert.Equal(("3500", "3500", "1500"), (after["amount_due"], after["amount_remaining"], after["pre_payment_credit_notes_amount"]));
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.Status);
    }

    [Fact]
    public async Task Credit_note_lines_are_priced_from_unit_amounts_and_invoice_lines()
    {
        var customer = await Stripe.CustomerAsync();
        (await Stripe.PostAsync("/v1/invoiceitems", ("customer", customer), ("unit_amount_decimal", "400"), ("quantity", "5"),
            ("currency", "usd"))).EnsureOk();
        var invoice = (await Stripe.PostAsync("/v1/invoices", ("customer", customer), ("pending_invoice_items_behavior", "include"))).EnsureOk();
        (await Stripe.PostAsync($"/v1/invoices/{invoice.Id}/finalize")).EnsureOk();
        var line = invoice.Json["lines"]!["data"]![0]!["id"]!.ToString();

        var note = (await Stripe.PostAsync("/v1/credit_notes", ("invoice", invoice.Id),
            ("lines[0][type]", "invoice_line_item"), ("lines[0][invoice_line_item]", line), ("lines[0][quantity]", "2"),
            ("lines[1][type]", "custom_line_item"), ("lines[1][description]", "Goodwill"), ("lines[1][unit_amount]", "150"),
                ("lines[1][quantity]", "2"))).EnsureOk();
        var mismatch = await Stripe.PostAsync("/v1/credit_notes", ("invoice", invoice.Id), ("amount", "1"),
            ("lines[0][type]", "custom_line_item"), ("lines[0][description]", "x"), ("lines[0][unit_amount]", "5"));

        Assert.Equal("1100", note["amount"]);
        Assert.Equal(["800", "300"], note.Json["lines"]!["data"]!.AsArray().Select(l => l!["amount"]!.ToString()));
        Assert.Equal(line, note.Json["lines"]!["data"]![0]!["invoice_line_item"]!.ToString());
        Assert.Equal("900", (await Stripe.GetAsync($"/v1/invoices/{invoice.Id}")).Json["amount_remaining"]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.Status);
    }

    [Fact]
    public async Task A_credit_note_on_a_paid_invoice_must_say_where_the_money_goes()
    {
        var (invoice, charge) = await PaidInvoiceAsync(4000);

        var unsplit = await Stripe.PostAsync("/v1/credit_notes", ("invoice", invoice), ("amount", "1000"));
        var refunded = (await Stripe.PostAsync("/v1/credit_notes", ("invoice", invoice), ("amount", "1000"), ("refund_amount", "1000"))).EnsureOk();
        var credited = (await Stripe.PostAsync("/v1/credit_notes", ("invoice", invoice), ("amount", "500"), ("credit_amount", "500"))).EnsureOk();

        Assert.Equal(HttpStatusCode.BadRequest, unsplit.Status);
        Assert.Equal("post_payment", refunded["type"]);
        var refund = refunded.Json["refunds"]!.AsArray().Single()!;
        Assert.Equal("1000", refund["amount_refunded"]!.ToString());
        Assert.StartsWith("re_", refund["refund"]!.ToString());
        Assert.Equal("1000", (await Stripe.ControlGetAsync($"/_emulator/charges?invoice={invoice}"))["data"]![0]!["amount_refunded"]!.ToString());
        Assert.Equal("1500", (await Stripe.GetAsync($"/v1/invoices/{invoice}")).Json["post_payment_credit_notes_amount"]!.ToString());
        var customer = (await Stripe.GetAsync($"/v1/invoices/{invoice}")).Json["customer"]!.ToString();
        Assert.Equal("-500", (await Stripe.GetAsync($"/v1/customers/{customer}")).Json["balance"]!.ToString());
        Assert.NotNull(credited["number"]);
        Assert.StartsWith("ch_", charge);
    }

    [Fact]
    public async Task Customer_credit_is_applied_to_the_next_invoice_on_finalization()
    {
        var customer = await Stripe.CustomerAsync(("balance", "-700"));

        var invoice = (await Stripe.GetAsync($"/v1/invoices/{await Stripe.OpenInvoiceAsync(customer, 1000)}")).EnsureOk();

        Assert.Equal(("-700", "300", "0"), (invoice["starting_balance"], invoice["amount_due"], invoice["ending_balance"]));
        Assert.Equal("0", (await Stripe.GetAsync($"/v1/customers/{customer}")).Json["balance"]!.ToString());
    }

    [Fact]
    public async Task Concurrent_pays_of_one_invoice_charge_it_once()
    {
        var customer = await Stripe.CustomerWithDefaultCardAsync("pm_card_visa");
        var invoice = await Stripe.OpenInvoiceAsync(customer);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Stripe.PostAsync($"/v1/invoices/{invoice}/pay")));

        Assert.Single(attempts, a => a.Status == HttpStatusCode.OK);
        Assert.All(attempts.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal("Invoice is already paid", a.Error["message"]!.ToString()));
        Assert.Single((await Stripe.ControlGetAsync($"/_emulator/charges?invoice={invoice}"))["data"]!.AsArray());
    }

    private async Task<(string Invoice, string Charge)> PaidInvoiceAsync(long amount)
    {
        var customer = await Stripe.CustomerWithDefaultCardAsync("pm_card_visa");
        var invoice = await Stripe.OpenInvoiceAsync(customer, amount);
        (await Stripe.PostAsync($"/v1/invoices/{invoice}/pay")).EnsureOk();
        return (invoice, await Stripe.LatestChargeOfAsync(invoice));
    }
}
