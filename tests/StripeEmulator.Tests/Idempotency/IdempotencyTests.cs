using System.Net;
using StripeEmulator.Tests.Support;

namespace StripeEmulator.Tests.Idempotency;

public sealed class IdempotencyTests : EmulatorTest
{
    [Fact]
    public async Task Same_key_and_parameters_replay_the_first_response_without_creating_anything()
    {
        var first = (await Stripe.PostIdempotentAsync("/v1/customers", "create-ada", ("email", "ada@example.com"))).EnsureOk();
        var replay = (await Stripe.PostIdempotentAsync("/v1/customers", "create-ada", ("email", "ada@example.com"))).EnsureOk();

        Assert.Equal(first.Body.ToJsonString(), replay.Body.ToJsonString());
        Assert.Null(first.Header("Idempotent-Replayed"));
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        var customers = (await Stripe.GetAsync("/v1/customers")).Json["data"]!.AsArray();
        Assert.Single(customers);
        var created = (await Stripe.GetAsync("/v1/events?type=customer.created")).Json["data"]!.AsArray();
        Assert.Single(created);
    }

    [Fact]
    public async Task Same_key_with_other_parameters_is_an_idempotency_error()
    {
        (await Stripe.PostIdempotentAsync("/v1/customers", "k", ("email", "ada@example.com"))).EnsureOk();

        var mismatch = await Stripe.PostIdempotentAsync("/v1/customers", "k", ("email", "bob@example.com"));
        var otherPath = await Stripe.PostIdempotentAsync("/v1/invoiceitems", "k", ("email", "ada@example.com"));

        Assert.Equal(HttpStatusCode.BadRequest, mismatch.Status);
        Assert.Equal("idempotency_error", mismatch.Error["type"]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, otherPath.Status);
        Assert.Equal("idempotency_error", otherPath.Error["type"]!.ToString());
        Assert.Single((await Stripe.GetAsync("/v1/customers")).Json["data"]!.AsArray());
    }

    [Fact]
    public async Task A_declined_payment_is_replayed_rather_than_charged_again()
    {
        var customer = await Stripe.CustomerWithDefaultCardAsync("pm_card_chargeCustomerFail");
        var invoice = await Stripe.OpenInvoiceAsync(customer);

        var first = await Stripe.PostIdempotentAsync($"/v1/invoices/{invoice}/pay", "pay-1");
        var replay = await Stripe.PostIdempotentAsync($"/v1/invoices/{invoice}/pay", "pay-1");

        Assert.Equal(HttpStatusCode.PaymentRequired, first.Status);
        Assert.Equal(HttpStatusCode.PaymentRequired, replay.Status);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        Assert.Equal("1", (await Stripe.GetAsync($"/v1/invoices/{invoice}")).Json["attempt_count"]!.ToString());
    }

    [Fact]
    public async Task A_refused_request_does_not_burn_its_key()
    {
        var invalid = await Stripe.PostIdempotentAsync("/v1/invoiceitems", "item-1", ("customer", "cus_nope"),
            ("amount", "100"), ("currency", "usd"));
        var customer = await Stripe.CustomerAsync();
        var sameKeyOtherParams = await Stripe.PostIdempotentAsync("/v1/invoiceitems", "item-1", ("customer", customer),
            ("amount", "100"), ("currency", "usd"));

        Assert.Equal(HttpStatusCode.NotFound, invalid.Status);
        Assert.Equal(HttpStatusCode.OK, sameKeyOtherParams.Status);
    }

    [Fact]
    public async Task Keys_are_scoped_to_the_connected_account()
    {
        using var connected = new EmulatorClient(Emulator.BaseUrl, "acct_1Connected");
        var platform = (await Stripe.PostIdempotentAsync("/v1/customers", "same", ("email", "a@example.com"))).EnsureOk();
        var onAccount = (await connected.PostIdempotentAsync("/v1/customers", "same", ("email", "a@example.com"))).EnsureOk();

        Assert.NotEqual(platform.Id, onAccount.Id);
        Assert.Null(onAccount.Header("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.NotFound, (await connected.GetAsync($"/v1/customers/{platform.Id}")).Status);
        var evt = (await connected.GetAsync("/v1/events?type=customer.created")).Json["data"]![0]!;
        Assert.Equal("acct_1Connected", evt["account"]!.ToString());
    }
}
