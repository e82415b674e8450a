using BillingFunctions.Adapters.Stripe;

namespace BillingFunctions.Adapters.Tests.Stripe;

/// <summary>The client against the Stripe emulator hosted in-process.</summary>
public class StripeClientEmulatorTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly StripeClient client = emulator.Stripe;

    [Fact]
    public async Task A_customer_with_a_default_card_is_charged_for_a_finalized_invoice()
    {
        var steps = new BillingSteps(client);

        var customer = await steps.CustomerWithCardAsync("pm_card_visa");
        Assert.NotNull(customer.InvoiceSettings?.DefaultPaymentMethod);
        var card = await client.PaymentMethods.RetrieveAsync(customer.InvoiceSettings!.DefaultPaymentMethod!);
        Assert.Equal(customer.Id, card.Customer);
        Assert.Equal("4242", card.Card?.Last4);

        var open = await steps.OpenInvoiceAsync(customer.Id, 1999);
        Assert.Equal("open", open.Status);
        Assert.Equal(1999, open.AmountDue);
        Assert.NotNull(open.Number);
        Assert.NotNull(open.HostedInvoiceUrl);
        Assert.Equal(1999, Assert.Single(open.Lines.Data).Amount);

        var paid = await client.Invoices.PayAsync(open.Id, new InvoicePayRequest(), steps.Key("pay"));

        Assert.Equal("paid", paid.Status);
        Assert.True(paid.Paid);
        Assert.Equal(1999, paid.AmountPaid);
        Assert.Equal(0, paid.AmountRemaining);
        Assert.Equal(1, paid.AttemptCount);
        Assert.NotNull(paid.Charge);
        Assert.NotNull(paid.StatusTransitions?.PaidAt);
        var listed = await client.Invoices.ListAsync(new InvoiceListRequest { Customer = customer.Id, Status = "paid" });
        Assert.Equal(paid.Id, Assert.Single(listed.Data).Id);
        Assert.Equal(steps.Run, (await client.Customers.RetrieveAsync(customer.Id)).Metadata?["run"]);
    }

    [Fact]
    public async Task A_card_that_fails_when_charged_leaves_the_invoice_open_with_the_decline_code()
    {
        var steps = new BillingSteps(client);
        var customer = await steps.CustomerWithCardAsync("pm_card_chargeCustomerFail");
        var open = await steps.OpenInvoiceAsync(customer.Id, 5000);

        var declined = await Assert.ThrowsAsync<CardException>(() =>
            client.Invoices.PayAsync(open.Id, new InvoicePayRequest(), steps.Key("pay")));

        Assert.Equal("card_declined", declined.Code);
        Assert.Equal("generic_decline", declined.DeclineCode);
        Assert.NotNull(declined.RequestId);
        var after = await client.Invoices.RetrieveAsync(open.Id);
        Assert.Equal("open", after.Status);
        Assert.Equal(1, after.AttemptCount);
        Assert.Equal(5000, after.AmountRemaining);
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
        var steps = new BillingSteps(client);
        var customer = await client.Customers.CreateAsync(new CustomerCreateRequest { Email = $"{steps.Run}@example.com" }, steps.Key("customer"));

        var declined = await Assert.ThrowsAsync<CardException>(() =>
            client.PaymentMethods.AttachAsync(card, new PaymentMethodAttachRequest { Customer = customer.Id }, steps.Key("attach")));

        Assert.Equal(code, declined.Code);
        Assert.Equal(declineCode, declined.DeclineCode);
        Assert.Equal(System.Net.HttpStatusCode.PaymentRequired, declined.HttpStatus);
    }

    [Fact]
    public async Task Replaying_a_key_returns_the_first_result_and_reusing_it_for_other_parameters_is_refused()
    {
        var steps = new BillingSteps(client);
        var request = new CustomerCreateRequest { Email = $"{steps.Run}@example.com" };

        var first = await client.Customers.CreateAsync(request, steps.Key("customer"));
        var replay = await client.Customers.CreateAsync(request, steps.Key("customer"));
        var misuse = await Assert.ThrowsAsync<IdempotencyException>(() =>
            client.Customers.CreateAsync(request with { Email = $"other-{steps.Run}@example.com" }, steps.Key("customer")));

        Assert.Equal(first.Id, replay.Id);
        Assert.Equal("idempotency_error", misuse.Type);
        var created = await client.Customers.ListAsync(new CustomerListRequest { Email = request.Email });
        Assert.Single(created.Data);
    }

    [Fact]
    public async Task An_unknown_invoice_is_an_invalid_request_naming_the_resource()
    {
        var missing = await Assert.ThrowsAsync<InvalidRequestException>(() => client.Invoices.RetrieveAsync("in_doesnotexist"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.HttpStatus);
        Assert.Equal("resource_missing", missing.Code);
    }

    [Fact]
    public async Task A_client_for_a_connect_account_works_inside_that_account_only()
    {
        var steps = new BillingSteps(client);
        var tenant = emulator.Client(account: "acct_tenant_" + steps.Run[..8]);

        var customer = await tenant.Customers.CreateAsync(new CustomerCreateRequest { Email = $"{steps.Run}@example.com" }, steps.Key("customer"));

        Assert.Equal(customer.Id, (await tenant.Customers.RetrieveAsync(customer.Id)).Id);
        var elsewhere = await Assert.ThrowsAsync<InvalidRequestException>(() => client.Customers.RetrieveAsync(customer.Id));
        Assert.Equal("resource_missing", elsewhere.Code);
    }

    [Fact]
    public async Task A_wrong_api_key_is_an_authentication_error()
    {
        var stranger = new StripeClient(new HttpClient(), new StripeClientOptions { ApiKey = "pk_test_not_a_secret_key", BaseUrl = emulator.BaseUrl });

        await Assert.ThrowsAsync<AuthenticationException>(() => stranger.Customers.ListAsync(new CustomerListRequest()));
    }
}
