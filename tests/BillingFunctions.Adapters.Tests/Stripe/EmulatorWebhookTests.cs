using System.Net.Http.Json;
using System.Text;
using BillingFunctions.Adapters.Stripe;

namespace BillingFunctions.Adapters.Tests.Stripe;

/// <summary>Our verifier and event parser on the emulator's signed deliveries, as the webhook function will see them.</summary>
public class EmulatorWebhookTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Secret = "whsec_adapters_tests";

    [Fact]
    public async Task A_delivery_from_the_emulator_verifies_and_parses_into_the_event_that_caused_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var control = new HttpClient { BaseAddress = emulator.BaseUrl };
        (await control.PostAsJsonAsync("/_emulator/webhooks", new { url = receiver.Url, secret = Secret })).EnsureSuccessStatusCode();
        var steps = new BillingSteps(emulator.Stripe);

        var customer = await emulator.Stripe.Customers.CreateAsync(
            new CustomerCreateRequest { Email = $"{steps.Run}@example.com" }, steps.Key("customer"));
        var delivery = await receiver.NextAsync(
            d => Encoding.UTF8.GetString(d.Body).Contains(customer.Id) && Encoding.UTF8.GetString(d.Body).Contains("customer.created"),
            TimeSpan.FromSeconds(20));

        var verification = new StripeWebhookVerifier().Verify(delivery.Body, delivery.Signature, ["whsec_rotated_out", Secret]);
        Assert.True(verification.IsValid, verification.Reason);
        var evt = StripeEvent.Parse(delivery.Body);
        Assert.Equal("customer.created", evt.Type);
        Assert.Equal("2023-08-16", evt.ApiVersion);
        Assert.Equal(steps.Key("customer"), evt.Request?.IdempotencyKey);
        Assert.Equal(customer.Id, evt.Data.ObjectAs<StripeCustomer>().Id);
        Assert.Equal(evt.Id, (await emulator.Stripe.Events.RetrieveAsync(evt.Id)).Id);

        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(delivery.Body).Replace(customer.Id, "cus_someoneelse"));
        Assert.Equal(WebhookRejection.NoMatchingSignature,
            new StripeWebhookVerifier().Verify(tampered, delivery.Signature, [Secret]).Rejection);
    }
}
