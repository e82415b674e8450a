using System.Net;
using StripeEmulator.Tests.Support;

namespace StripeEmulator.Tests.Invoices;

public sealed class InvoiceStateTests : EmulatorTest
{
    [Fact]
    public async Task A_new_invoice_is_a_draft_that_picks_up_pending_items_only_when_asked()
    {
        var customer = await Stripe.CustomerAsync();
        await Stripe.PostAsync("/v1/invoiceitems", ("customer", customer), ("amount", "1000"), ("currency", "usd"));
        await Stripe.PostAsync("/v1/invoiceitems", ("customer", customer), ("unit_amount_decimal", "250"), ("quantity", "3"), ("currency", "usd"));
        var oldParameter = await Stripe.PostAsync("/v1/invoiceitems", ("customer", customer), ("unit_amount", "250"), ("currency", "usd"));

        var empty = (await Stripe.PostAsync("/v1/invoices", ("customer", customer))).EnsureOk();
        var withItems = (await Stripe.PostAsync("/v1/invoices", ("customer", customer), ("pending_invoice_items_behavior", "include"))).EnsureOk();
        var nothingLeft = (await Stripe.PostAsync("/v1/invoices", ("customer", customer), ("pending_invoice_items_behavior", "include"))).EnsureOk();

        Assert.Equal("draft", empty["status"]);
        Assert.Equal("0", empty["total"]);
        Assert.Equal("draft", withItems["status"]);
        Assert.Equal(2, withItems.Json["lines"]!["data"]!.AsArray().Count);
        Assert.Equal(("1750", "1750", "1750", "0", "1750"),
            (withItems["subtotal"], withItems["total"], withItems["amount_due"], withItems["amount_paid"], withItems["amount_remaining"]));
        Assert.Null(withItems["number"]);
        Assert.Null(withItems["hosted_invoice_url"]);
        Assert.Equal("0", nothingLeft["total"]);
        Assert.Equal((HttpStatusCode.BadRequest, "parameter_unknown"), (oldParameter.Status, oldParameter.Error["code"]!.ToString()));
    }

    [Fact]
    public async Task Before_api_version_2022_08_01_new_invoices_include_pending_items_by_default()
    {
        using var legacy = new EmulatorClient(Emulator.BaseUrl, apiVersion: "2020-08-27");
        var customer = await legacy.CustomerAsync();
        await legacy.PostAsync("/v1/invoiceitems", ("customer", customer), ("amount", "1000"), ("currency", "usd"));

        var invoice = (await legacy.PostAsync("/v1/invoices", ("customer", customer))).EnsureOk();
        var nothingToInvoice = await legacy.PostAsync("/v1/invoices", ("customer", customer));

        Assert.Equal("1000", invoice["total"]);
        Assert.Equal("2020-08-27", invoice.Header("Stripe-Version"));
        Assert.Equal("invoice_no_customer_line_items", nothingToInvoice.Error["code"]!.ToString());
    }

    [Fact]
    public async Task Finalizing_opens_the_invoice_with_a_number_and_a_hosted_page()
    {
        var customer = await Stripe.CustomerAsync();
        var first = await Stripe.OpenInvoiceAsync(customer, 1500);
        var second = await Stripe.OpenInvoiceAsync(customer, 1500);

        var invoice = (await Stripe.GetAsync($"/v1/invoices/{first}")).EnsureOk();
        var next = (await Stripe.GetAsync($"/v1/invoices/{second}")).EnsureOk();
        Assert.Equal("open", invoice["status"]);
        Assert.Matches("^[A-Z0-9]+-0001$", invoice["number"]!);
        Assert.EndsWith("-0002", next["number"]);
        Assert.NotNull(invoice.Json["status_transitions"]!["finalized_at"]);
        Assert.False(invoice.Json.ContainsKey("payments"), "payments is includable: only there when expanded");
        var payment = (await Stripe.GetAsync($"/v1/invoices/{first}?expand[]=payments")).EnsureOk().Json["payments"]!["data"]!.AsArray().Single()!;
        Assert.Equal(("open", "1500", "payment_intent"), (payment["status"]!.ToString(), payment["amount_requested"]!.ToString(),
            payment["payment"]!["type"]!.ToString()));
        Assert.StartsWith("pi_", payment["payment"]!["payment_intent"]!.ToString());
        var page = await Stripe.Http.GetStringAsync(invoice["hosted_invoice_url"]);
        Assert.Contains(invoice["number"]!, page);
        Assert.Contains("15.00 USD", page);
    }

    [Fact]
    public async Task Paying_charges_the_default_card_and_records_the_payment_on_the_invoice()
    {
        var customer = await Stripe.CustomerWithDefaultCardAsync("pm_card_visa");
        var invoice = await Stripe.OpenInvoiceAsync(customer, 4200);

        var paid = (await Stripe.PostAsync($"/v1/invoices/{invoice}/pay", ("expand[]", "payments.data.payment.payment_intent"))).EnsureOk();
        var payment = paid.Json["payments"]!["data"]!.AsArray().Single()!;
        var intent = payment["payment"]!["payment_intent"]!;
        var charge = (await Stripe.GetAsync($"/v1/payment_intents/{intent["id"]}?expand[]=latest_charge")).EnsureOk().Json["latest_charge"]!;

        Assert.Equal(("paid", "4200", "0", "1"), (paid["status"], paid["amount_paid"], paid["amount_remaining"], paid["attempt_count"]));
        Assert.All(["paid", "charge", "payment_intent", "subscription"],
            field => Assert.False(paid.Json.ContainsKey(field), $"{field} left the invoice at basil"));
        Assert.Equal(("paid", "4200"), (payment["status"]!.ToString(), payment["amount_paid"]!.ToString()));
        Assert.NotNull(payment["status_transitions"]!["paid_at"]);
        Assert.Equal(("succeeded", "4200"), (intent["status"]!.ToString(), intent["amount_received"]!.ToString()));
        Assert.Equal(("succeeded", "4200"), (charge["status"]!.ToString(), charge["amount"]!.ToString()));
        Assert.NotNull(paid.Json["status_transitions"]!["paid_at"]);
    }

    [Fact]
    public async Task A_declined_payment_keeps_the_invoice_open_and_counts_the_attempt()
    {
        var customer = await Stripe.CustomerWithDefaultCardAsync("pm_card_chargeCustomerFail");
        var invoice = await Stripe.OpenInvoiceAsync(customer, 3000);

        var failed = await Stripe.PostAsync($"/v1/invoices/{invoice}/pay");
        var again = await Stripe.PostAsync($"/v1/invoices/{invoice}/pay");
        var after = (await Stripe.GetAsync($"/v1/invoices/{invoice}")).EnsureOk();

        Assert.Equal(HttpStatusCode.PaymentRequired, failed.Status);
        Assert.Equal("card_error", failed.Error["type"]!.ToString());
        Assert.Equal(HttpStatusCode.PaymentRequired, again.Status);
        Assert.Equal(("open", "2", "true", "3000"), (after["status"], after["attempt_count"], after.Json["attempted"]!.ToString(),
            after["amount_remaining"]));
        Assert.NotNull(after["next_payment_attempt"]);
        var intent = await Stripe.PaymentIntentOfAsync(invoice);
        Assert.Equal(again.Error["charge"]!.ToString(), intent["latest_charge"]!.ToString());
        Assert.Equal(("requires_payment_method", "card_declined", "generic_decline", "Your card was declined."),
            (intent["status"]!.ToString(), intent["last_payment_error"]!["code"]!.ToString(),
                intent["last_payment_error"]!["decline_code"]!.ToString(),
                intent["last_payment_error"]!["message"]!.ToString()));
        Assert.Equal("true", (await Stripe.GetAsync($"/v1/customers/{customer}")).Json["delinquent"]!.ToString());
    }

    [Fact]
    public async Task The_invoice_payment_leads_from_the_intent_back_to_the_invoice_and_is_canceled_with_it()
    {
        var customer = await Stripe.CustomerWithDefaultCardAsync("pm_card_chargeCustomerFail");
        var invoice = await Stripe.OpenInvoiceAsync(customer, 3000);
        Assert.Equal(HttpStatusCode.PaymentRequired, (await Stripe.PostAsync($"/v1/invoices/{invoice}/pay")).Status);
        var intent = (await Stripe.PaymentIntentOfAsync(invoice))["id"]!.ToString();

        var byIntent = (await Stripe.GetAsync($"/v1/invoice_payments?payment[type]=payment_intent&payment[payment_intent]={intent}")).EnsureOk();
        (await Stripe.PostAsync($"/v1/invoices/{invoice}/void")).EnsureOk();
        var afterVoid = (await Stripe.GetAsync($"/v1/invoice_payments/{byIntent.Json["data"]![0]!["id"]}")).EnsureOk();

        Assert.Equal((invoice, "open"), (byIntent.Json["data"]![0]!["invoice"]!.ToString(), byIntent.Json["data"]![0]!["status"]!.ToString()));
        Assert.Equal("canceled", afterVoid["status"]);
        Assert.NotNull(afterVoid.Json["status_transitions"]!["canceled_at"]);
        Assert.Equal("canceled", (await Stripe.GetAsync($"/v1/payment_intents/{intent}")).EnsureOk()["status"]);
    }

    [Fact]
    public async Task Paid_out_of_band_counts_in_amount_paid_and_shows_as_paid_off_stripe_when_asked()
    {
        var customer = await Stripe.CustomerWithDefaultCardAsync("pm_card_visa");
        var byCard = await Stripe.OpenInvoiceAsync(customer, 1800);
        var byTransfer = await Stripe.OpenInvoiceAsync(customer, 2400);
        (await Stripe.PostAsync($"/v1/invoices/{byCard}/pay")).EnsureOk();

        var paid = (await Stripe.PostAsync($"/v1/invoices/{byTransfer}/pay", ("paid_out_of_band", "true"))).EnsureOk();
        var transferExpanded = (await Stripe.GetAsync($"/v1/invoices/{byTransfer}?expand[]=amount_paid_off_stripe")).EnsureOk();
        var cardExpanded = (await Stripe.GetAsync($"/v1/invoices/{byCard}?expand[]=amount_paid_off_stripe")).EnsureOk();

        Assert.Equal(("paid", "2400", "0"), (paid["status"], paid["amount_paid"], paid["amount_remaining"]));
        Assert.False(paid.Json.ContainsKey("amount_paid_off_stripe"), "amount_paid_off_stripe is includable: only there when expanded");
        Assert.Equal(("2400", "0"), (transferExpanded["amount_paid_off_stripe"], cardExpanded["amount_paid_off_stripe"]));
    }

    [Fact]
    public async Task A_card_given_to_pay_is_used_instead_of_the_default()
    {
        var customer = await Stripe.CustomerWithDefaultCardAsync("pm_card_chargeCustomerFail");
        var invoice = await Stripe.OpenInvoiceAsync(customer, 3000);
        Assert.Equal(HttpStatusCode.PaymentRequired, (await Stripe.PostAsync($"/v1/invoices/{invoice}/pay")).Status);

        var paid = (await Stripe.PostAsync($"/v1/invoices/{invoice}/pay", ("payment_method", "pm_card_visa"))).EnsureOk();

        Assert.Equal(("paid", "2"), (paid["status"], paid["attempt_count"]));
        var charges = await Stripe.ControlGetAsync($"/_emulator/charges?invoice={invoice}");
        Assert.Equal(["succeeded", "failed"], charges["data"]!.AsArray().Select(c => c!["status"]!.ToString()));
    }

    [Theory]
    [InlineData("void", "voided_at", "void")]
    [InlineData("mark_uncollectible", "marked_uncollectible_at", "uncollectible")]
    public async Task Void_and_uncollectible_apply_to_open_invoices_only(string action, string transition, string status)
    {
        var customer = await Stripe.CustomerWithDefaultCardAsync("pm_card_visa");
        var draft = (await Stripe.PostAsync("/v1/invoices", ("customer", customer))).EnsureOk().Id;
        var open = await Stripe.OpenInvoiceAsync(customer);
        var paid = await Stripe.OpenInvoiceAsync(customer);
        (await Stripe.PostAsync($"/v1/invoices/{paid}/pay")).EnsureOk();

        var fromDraft = await Stripe.PostAsync($"/v1/invoices/{draft}/{action}");
        var fromPaid = await Stripe.PostAsync($"/v1/invoices/{paid}/{action}");
        var fromOpen = (await Stripe.PostAsync($"/v1/invoices/{open}/{action}")).EnsureOk();
        var twice = await Stripe.PostAsync($"/v1/invoices/{open}/{action}");

        Assert.All([fromDraft, fromPaid, twice], r => Assert.Equal(HttpStatusCode.BadRequest, r.Status));
        Assert.Equal("invalid_request_error", fromPaid.Error["type"]!.ToString());
        Assert.Contains("open", fromPaid.Error["message"]!.ToString());
        Assert.Equal(status, fromOpen["status"]);
        Assert.NotNull(fromOpen.Json["status_transitions"]![transition]);
        Assert.Equal("paid", (await Stripe.GetAsync($"/v1/invoices/{paid}")).Json["status"]!.ToString());
    }

    [Fact]
    public async Task Illegal_transitions_answer_400_and_change_nothing()
    {
        var customer = await Stripe.CustomerWithDefaultCardAsync("pm_card_visa");
        var invoice = await Stripe.OpenInvoiceAsync(customer);
        (await Stripe.PostAsync($"/v1/invoices/{invoice}/pay")).EnsureOk();
        var before = (await Stripe.GetAsync($"/v1/invoices/{invoice}")).Body.ToJsonString();

        var refinalize = await Stripe.PostAsync($"/v1/invoices/{invoice}/finalize");
        var repay = await Stripe.PostAsync($"/v1/invoices/{invoice}/pay");
        var addItem = await Stripe.PostAsync("/v1/invoiceitems", ("customer", customer), ("amount", "5"), ("currency", "usd"), ("invoice", invoice));

        Assert.Equal(HttpStatusCode.BadRequest, refinalize.Status);
        Assert.Contains("already finalized", refinalize.Error["message"]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, repay.Status);
        Assert.Equal("Invoice is already paid", repay.Error["message"]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, addItem.Status);
        Assert.Equal(before, (await Stripe.GetAsync($"/v1/invoices/{invoice}")).Body.ToJsonString());
        Assert.Single((await Stripe.ControlGetAsync($"/_emulator/charges?invoice={invoice}"))["data"]!.AsArray());
    }

    [Fact]
    public async Task Send_invoice_needs_a_due_date_and_pay_on_a_draft_finalizes_it_first()
    {
        var customer = await Stripe.CustomerWithDefaultCardAsync("pm_card_visa");
        var noDue = await Stripe.PostAsync("/v1/invoices", ("customer", customer), ("collection_method", "send_invoice"));
        var due = (await Stripe.PostAsync("/v1/invoices", ("customer", customer), ("collection_method", "send_invoice"),
            ("days_until_due", "14"))).EnsureOk();
        await Stripe.PostAsync("/v1/invoiceitems", ("customer", customer), ("amount", "800"), ("currency", "usd"), ("invoice", due.Id));
        var sendAutomatic = await Stripe.PostAsync($"/v1/invoices/{(await Stripe.OpenInvoiceAsync(customer))}/send");
        var paid = (await Stripe.PostAsync($"/v1/invoices/{due.Id}/pay")).EnsureOk();

        Assert.Equal(HttpStatusCode.BadRequest, noDue.Status);
        Assert.Equal("days_until_due", noDue.Error["param"]!.ToString());
        Assert.Equal(long.Parse(due["created"]!) + 14 * 86400, long.Parse(due["due_date"]!));
        Assert.Equal(HttpStatusCode.BadRequest, sendAutomatic.Status);
        Assert.Equal(("paid", "800"), (paid["status"], paid["amount_paid"]));
        Assert.NotNull(paid["number"]);
    }
}
