using Stripe;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Dunning;

namespace BillingFunctions.App.Tests.Dunning;

/// <summary>
/// The app's own wiring: Stripe's invoice.payment_failed webhook starts the dunning orchestration through
/// apply-stripe-event, and invoice.paid stops it. Azurite, the emulator and the app on real ports.
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
            "--LocalTriggers:Functions:0=apply-stripe-event");
        await _stack.ForwardWebhooksAsync(_tenant, _secret);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task Payment_failed_webhook_starts_dunning_and_paid_webhook_stops_it()
    {
        var stripe = new DunningInvoices(_stack.Stripe("sk_test_dunning_webhook"));
        var customer = await stripe.CustomerWithCardAsync("pm_card_chargeCustomerFail", _tenant);
        var invoice = await stripe.FailedInvoiceAsync(customer);
        var instanceId = DunningState.InstanceIdFor(invoice);

        await Eventually.TrueAsync(async () => await StateAsync(instanceId) is { Status: DunningStatus.WaitingToRetry },
            "the payment_failed webhook starts dunning, which waits to retry");

        await stripe.Stripe.V1.Invoices.PayAsync(invoice, new InvoicePayOptions { PaymentMethod = "pm_card_visa" },
            stripe.Stripe.Write("test:dunning-webhook-paid"));

        await Eventually.TrueAsync(async () => (await DurableProcesses.ReadAsync(_stack.App.Services, _tenant, instanceId))!.Completed,
            "the invoice.paid webhook stops dunning");
        var done = await StateAsync(instanceId);
        Assert.Equal(DunningStatus.Recovered, done!.Status);
        Assert.Equal(0, done.RetriesUsed);
    }

    private async Task<DunningState?> StateAsync(string instanceId) =>
        await DurableProcesses.ReadAsync(_stack.App.Services, _tenant, instanceId) is { } instance
            ? DunningKind.Instance.Read<DunningState>(instance.State)
            : null;
}
