using BillingFunctions.Adapters.StripeApi;
using Stripe;

namespace BillingFunctions.Adapters.Tests.StripeApi;

/// <summary>Stripe.net, through the app's connection, against the Stripe emulator hosted in-process.</summary>
public class StripeEmulatorTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly StripeAccount _client = emulator.Stripe;

    [Fact]
    public async Task A_customer_with_a_default_card_is_charged_for_a_finalized_invoice()
    {
        var steps = new BillingSteps(_client);

        var customer = await steps.CustomerWithCardAsync("pm_card_visa");
        Assert.NotNull(customer.InvoiceSettings?.DefaultPaymentMethodId);
        var card = await _client.V1.PaymentMethods.GetAsync(customer.InvoiceSettings!.DefaultPaymentMethodId, null, _client.Read());
        Assert.Equal(customer.Id, card.CustomerId);
        Assert.Equal("4242", card.Card?.Last4);

        var open = await steps.OpenInvoiceAsync(customer.Id, 1999);
        Assert.Equal("open", open.Status);
        Assert.Equal(1999, open.AmountDue);
        Assert.NotNull(open.Number);
        Assert.NotNull(open.HostedInvoiceUrl);
        Assert.Equal(1999, Assert.Single(open.Lines.Data).Amount);

        var paid = await _client.V1.Invoices.PayAsync(open.Id, new InvoicePayOptions(), _client.Write(steps.Key("pay")));

        Assert.Equal("paid", paid.Status);
        Assert.Equal(1999, paid.AmountPaid);
        Assert.Equal(0, paid.AmountRemaining);
        Assert.Equal(1, paid.AttemptCount);
        Assert.NotNull(paid.StatusTransitions?.PaidAt);
        var withPayments = await _client.V1.Invoices.GetAsync(paid.Id, new InvoiceGetOptions { Expand = ["payments"] }, _client.Read());
        var payment = Assert.Single(withPayments.Payments.Data);
        Assert.Equal("paid", payment.Status);
        Assert.StartsWith("pi_", payment.Payment.PaymentIntentId, StringComparison.Ordinal);
        var listed = await _client.V1.Invoices.ListAsync(new InvoiceListOptions { Customer = customer.Id, Status = "paid" }, _client.Read());
        Assert.Equal(paid.Id, Assert.Single(listed.Data).Id);
        Assert.Equal(steps.Run, (await _client.V1.Customers.GetAsync(customer.Id, null, _client.Read())).Metadata?["run"]);
    }

    [Fact]
    public async Task A_card_that_fails_when_charged_leaves_the_invoice_open_and_its_payment_intent_holds_the_decline()
    {
        var steps = new BillingSteps(_client);
        var customer = await steps.CustomerWithCardAsync("pm_card_chargeCustomerFail");
        var open = await steps.OpenInvoiceAsync(customer.Id, 5000);

        var declined = await Assert.ThrowsAsync<StripeException>(() =>
            _client.V1.Invoices.PayAsync(open.Id, new InvoicePayOptions(), _client.Write(steps.Key("pay"))));

        Assert.True(declined.IsCardError());
        Assert.Equal("card_declined", declined.Code());
        Assert.Equal("generic_decline", declined.StripeError.DeclineCode);
        Assert.NotNull(declined.StripeResponse?.RequestId);
        var after = await _client.V1.Invoices.GetAsync(open.Id, new InvoiceGetOptions { Expand = ["payments"] }, _client.Read());
        Assert.Equal("open", after.Status);
        Assert.Equal(1, after.AttemptCount);
        Assert.Equal(5000, after.AmountRemaining);
        var intent = await _client.V1.PaymentIntents.GetAsync(Assert.Single(after.Payments.Data).Payment.PaymentIntentId, null, _client.Read());
        Assert.Equal("generic_decline", intent.LastPaymentError?.DeclineCode);
    }

    [Theory]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds")]
    [InlineData("pm_card_chargeDeclinedLostCard", "card_declined", "lost_card")]
    [InlineData("pm_card_chargeDeclinedStolenCard", "card_declined", "stolen_card")]
    [InlineData("pm_card_chargeDeclined", "card_declined", "generic_decline")]
    [InlineData("pm_card_chargeDeclinedExpiredCard", "expired_card", null)]
    [InlineData("pm_card_chargeDeclinedProcessingError", "processing_error", null)]
    public async Task Declining_test_cards_are_refused_with_stripes_codes(string card, string code, string? declineCode)
    {
        var steps = new BillingSteps(_client);
        var customer = await _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = $"{steps.Run}@example.com" },
            _client.Write(steps.Key("customer")));

        var declined = await Assert.ThrowsAsync<StripeException>(() =>
            _client.V1.PaymentMethods.AttachAsync(card, new PaymentMethodAttachOptions { Customer = customer.Id },
                _client.Write(steps.Key("attach"))));

        Assert.True(declined.IsCardError());
        Assert.Equal(code, declined.Code());
        Assert.Equal(declineCode, declined.StripeError.DeclineCode);
        Assert.Equal(System.Net.HttpStatusCode.PaymentRequired, declined.HttpStatusCode);
    }

    [Fact]
    public async Task Replaying_a_key_returns_the_first_result_and_reusing_it_for_other_parameters_is_refused()
    {
        var steps = new BillingSteps(_client);
        var email = $"{steps.Run}@example.com";

        var first = await _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = email }, _client.Write(steps.Key("customer")));
        var replay = await _client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = email }, _client.Write(steps.Key("customer")));
        var misuse = await Assert.ThrowsAsync<StripeException>(() => _client.V1.Customers.CreateAsync(
            new CustomerCreateOptions { Email = $"other-{steps.Run}@example.com" }, _client.Write(steps.Key("customer"))));

        Assert.Equal(first.Id, replay.Id);
        Assert.Equal("idempotency_error", misuse.StripeError.Type);
        Assert.False(misuse.IsInvalidRequest());
        var created = await _client.V1.Customers.ListAsync(new CustomerListOptions { Email = email }, _client.Read());
        Assert.Single(created.Data);
    }

    [Fact]
    public async Task An_unknown_invoice_is_an_invalid_request_naming_the_resource()
    {
        var missing = await Assert.ThrowsAsync<StripeException>(() => _client.V1.Invoices.GetAsync("in_doesnotexist", null, _client.Read()));

        Assert.True(missing.IsNotFound());
        Assert.True(missing.IsInvalidRequest());
        Assert.Equal("resource_missing", missing.Code());
    }

    [Fact]
    public async Task An_account_acting_for_a_connect_account_works_inside_that_account_only()
    {
        var steps = new BillingSteps(_client);
        var tenant = new StripeAccount(emulator.SharedClient, "sk_test_adapters", "acct_tenant_" + steps.Run[..8]);

        var customer = await tenant.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = $"{steps.Run}@example.com" },
            tenant.Write(steps.Key("customer")));

        Assert.Equal(customer.Id, (await tenant.V1.Customers.GetAsync(customer.Id, null, tenant.Read())).Id);
        var elsewhere = await Assert.ThrowsAsync<StripeException>(() => _client.V1.Customers.GetAsync(customer.Id, null, _client.Read()));
        Assert.Equal("resource_missing", elsewhere.Code());
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused_and_not_a_refusal_of_what_was_asked()
    {
        var stranger = new StripeAccount(emulator.SharedClient, "pk_test_not_a_secret_key");

        var error = await Assert.ThrowsAsync<StripeException>(() => stranger.V1.Customers.ListAsync(new CustomerListOptions(), stranger.Read()));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.HttpStatusCode);
        Assert.False(error.IsInvalidRequest());
    }
}
