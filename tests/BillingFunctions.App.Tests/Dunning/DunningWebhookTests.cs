using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Tests.Processes;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Dunning;

namespace BillingFunctions.App.Tests.Dunning;

/// <summary>
/// The app's own wiring: Stripe's invoice.payment_failed webhook starts dunning through apply-stripe-event and
/// step-dunning, and invoice.paid stops it. Azurite, the emulator and the app on real ports.
/// </summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class DunningWebhookTests : IAsyncLifetime
{
    private readonly string _tenant = Azurite.UniqueName("dw");
    private readonly string _secret = StripeSignature.NewSecret();
    private LiveStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await LiveStack.StartAsync(
            "--Stripe:ApiKey=sk_test_dunning_webhook",
            $"--Tenants:{_tenant}:WebhookSecrets={_secret}",
            "--LocalTriggers:Functions:0=step-dunning",
            "--LocalTriggers:Functions:1=apply-stripe-event");
        await _stack.ForwardWebhooksAsync(_tenant, _secret);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task Payment_failed_webhook_starts_dunning_and_paid_webhook_stops_it()
    {
        var runtime = _stack.App.Services.GetRequiredService<ProcessRuntime<DunningState, DunningEvent, DunningEffect>>();
        var harness = await DunningHarness.CreateAsync(_stack.Emulator.BaseUrl, TimeProvider.System);
        var customer = await harness.CustomerWithCardAsync("pm_card_chargeCustomerFail", _tenant);
        var invoice = await harness.FailedInvoiceAsync(customer);
        var instanceId = DunningState.InstanceIdFor(invoice);

        await Eventually.TrueAsync(async () => await runtime.GetAsync(_tenant, instanceId) is { } view
            && runtime.ReadState(view).Status == DunningStatus.WaitingToRetry, "the payment_failed webhook starts dunning, which waits to retry");

        await harness.Stripe.V1.Invoices.PayAsync(invoice, new InvoicePayOptions { PaymentMethod = "pm_card_visa" },
            harness.Stripe.Write("test:dunning-webhook-paid"));

        await Eventually.TrueAsync(async () => (await runtime.GetAsync(_tenant, instanceId))!.Completed, "the invoice.paid webhook stops dunning");
        var done = runtime.ReadState((await runtime.GetAsync(_tenant, instanceId))!);
        Assert.Equal(DunningStatus.Recovered, done.Status);
        Assert.Equal(0, done.RetriesUsed);
    }
}
