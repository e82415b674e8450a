using System.Net.Http.Json;
using System.Text;
using BillingFunctions.Adapters.StripeApi;
using Stripe;

namespace BillingFunctions.Adapters.Tests.StripeApi;

/// <summary>The verifier on the emulator's signed deliveries, as the webhook function sees them.</summary>
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

        var customer = await emulator.Stripe.V1.Customers.CreateAsync(
            new CustomerCreateOptions { Email = $"{steps.Run}@example.com" }, emulator.Stripe.Write(steps.Key("customer")));
        var delivery = await receiver.NextAsync(
            d => Encoding.UTF8.GetString(d.Body).Contains(customer.Id) && Encoding.UTF8.GetString(d.Body).Contains("customer.created"),
            TimeSpan.FromSeconds(20));

        var body = Encoding.UTF8.GetString(delivery.Body);
        var verification = new StripeWebhookVerifier(TimeProvider.System).Verify(body, delivery.Signature, ["whsec_rotated_out", Secret]);
        var evt = verification.Event;
        Assert.True(evt is not null, verification.Reason);
        Assert.Equal("customer.created", evt.Type);
        Assert.Equal(StripeConfiguration.ApiVersion, evt.ApiVersion);
        Assert.Equal(steps.Key("customer"), evt.Request?.IdempotencyKey);
        Assert.Equal(customer.Id, Assert.IsType<Customer>(evt.Data.Object).Id);
        Assert.Equal(evt.Id, (await emulator.Stripe.V1.Events.GetAsync(evt.Id, null, emulator.Stripe.Read())).Id);

        var tampered = body.Replace(customer.Id, "cus_someoneelse", StringComparison.Ordinal);
        Assert.False(new StripeWebhookVerifier(TimeProvider.System).Verify(tampered, delivery.Signature, [Secret]).SignatureValid);
    }
}
