using System.Net;
using StripeEmulator.Tests.Support;

namespace StripeEmulator.Tests.PaymentMethods;

/// <summary>Stripe's test payment methods and the errors they produce (docs.stripe.com/testing, "Declined payments").</summary>
public sealed class TestCardTests : EmulatorTest
{
    public static TheoryData<string, string, string?> DecliningCards => new()
    {
        { "pm_card_chargeDeclined", "card_declined", "generic_decline" },
        { "pm_card_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds" },
        { "pm_card_chargeDeclinedLostCard", "card_declined", "lost_card" },
        { "pm_card_chargeDeclinedStolenCard", "card_declined", "stolen_card" },
        { "pm_card_chargeDeclinedExpiredCard", "expired_card", null },
        { "pm_card_chargeDeclinedProcessingError", "processing_error", null },
    };

    [Theory]
    [MemberData(nameof(DecliningCards))]
    public async Task Paying_with_a_declining_card_fails_with_its_code_and_decline_code(string token, string code, string? declineCode)
    {
        var customer = await Stripe.CustomerAsync();
        var invoice = await Stripe.OpenInvoiceAsync(customer, 1234);

        var response = await Stripe.PostAsync($"/v1/invoices/{invoice}/pay", ("payment_method", token));

        Assert.Equal(HttpStatusCode.PaymentRequired, response.Status);
        Assert.Equal("card_error", response.Error["type"]!.ToString());
        Assert.Equal(code, response.Error["code"]!.ToString());
        Assert.Equal(declineCode, response.Error["decline_code"]?.ToString());
        var charge = (await Stripe.ControlGetAsync($"/_emulator/charges?invoice={invoice}"))["data"]![0]!;
        Assert.Equal(("failed", code), (charge["status"]!.ToString(), charge["failure_code"]!.ToString()));
        Assert.Equal(response.Error["charge"]!.ToString(), charge["id"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(DecliningCards))]
    public async Task Declining_cards_cannot_be_attached(string token, string code, string? declineCode)
    {
        var customer = await Stripe.CustomerAsync();

        var response = await Stripe.PostAsync($"/v1/payment_methods/{token}/attach", ("customer", customer));

        Assert.Equal(HttpStatusCode.PaymentRequired, response.Status);
        Assert.Equal((code, declineCode), (response.Error["code"]!.ToString(), response.Error["decline_code"]?.ToString()));
    }

    [Fact]
    public async Task The_charge_customer_fail_card_attaches_and_then_declines_when_charged()
    {
        var customer = await Stripe.CustomerAsync();
        var attached = (await Stripe.PostAsync("/v1/payment_methods/pm_card_chargeCustomerFail/attach", ("customer", customer))).EnsureOk();
        (await Stripe.PostAsync($"/v1/customers/{customer}", ("invoice_settings[default_payment_method]", attached.Id))).EnsureOk();
        var invoice = await Stripe.OpenInvoiceAsync(customer);

        var response = await Stripe.PostAsync($"/v1/invoices/{invoice}/pay");

        Assert.Equal("0341", attached.Json["card"]!["last4"]!.ToString());
        Assert.Equal(HttpStatusCode.PaymentRequired, response.Status);
        Assert.Equal(("card_declined", "generic_decline"), (response.Error["code"]!.ToString(), response.Error["decline_code"]!.ToString()));
    }

    [Fact]
    public async Task Attaching_a_test_token_creates_a_new_payment_method_for_that_customer()
    {
        var customer = await Stripe.CustomerAsync();

        var first = (await Stripe.PostAsync("/v1/payment_methods/pm_card_visa/attach", ("customer", customer))).EnsureOk();
        var second = (await Stripe.PostAsync("/v1/payment_methods/pm_card_visa/attach", ("customer", customer))).EnsureOk();
        var retrieved = (await Stripe.GetAsync($"/v1/payment_methods/{first.Id}")).EnsureOk();

        Assert.StartsWith("pm_", first.Id);
        Assert.NotEqual("pm_card_visa", first.Id);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(customer, retrieved["customer"]);
        Assert.Equal(("visa", "4242"), (retrieved.Json["card"]!["brand"]!.ToString(), retrieved.Json["card"]!["last4"]!.ToString()));
    }

    [Fact]
    public async Task A_payment_method_of_another_customer_cannot_become_the_default_or_be_attached_again()
    {
        var owner = await Stripe.CustomerAsync();
        var other = await Stripe.CustomerAsync();
        var pm = await Stripe.AttachAsync(owner, "pm_card_visa");

        var asDefault = await Stripe.PostAsync($"/v1/customers/{other}", ("invoice_settings[default_payment_method]", pm));
        var reattach = await Stripe.PostAsync($"/v1/payment_methods/{pm}/attach", ("customer", other));

        Assert.Equal(HttpStatusCode.BadRequest, asDefault.Status);
        Assert.Equal("invoice_settings[default_payment_method]", asDefault.Error["param"]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, reattach.Status);
        Assert.Null((await Stripe.GetAsync($"/v1/customers/{other}")).Json["invoice_settings"]!["default_payment_method"]);
    }

    [Fact]
    public async Task A_confirmed_setup_intent_attaches_the_card_and_a_declining_one_reports_the_decline()
    {
        var customer = await Stripe.CustomerAsync();

        var ok = (await Stripe.PostAsync("/v1/setup_intents", ("customer", customer), ("payment_method", "pm_card_visa"),
            ("confirm", "true"))).EnsureOk();
        var declined = await Stripe.PostAsync("/v1/setup_intents", ("customer", customer),
            ("payment_method", "pm_card_chargeDeclined"), ("confirm", "true"));

        Assert.Equal("succeeded", ok["status"]);
        Assert.Equal(customer, (await Stripe.GetAsync($"/v1/payment_methods/{ok["payment_method"]}")).Json["customer"]!.ToString());
        Assert.Equal(HttpStatusCode.PaymentRequired, declined.Status);
        Assert.Equal("generic_decline", declined.Error["decline_code"]!.ToString());
    }
}
