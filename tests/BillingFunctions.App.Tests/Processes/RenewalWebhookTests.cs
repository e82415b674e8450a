using BillingFunctions.App.Subscriptions;
using Microsoft.DurableTask.Client;
using System.Net.Http.Json;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Renewals;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>
/// A sent renewal invoice paid later: Stripe's invoice.paid webhook reaches the app, is applied, and wakes the
/// renewal waiting for it, which then completes. Azurite, the emulator and the app on real ports.
/// </summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class RenewalWebhookTests : IAsyncLifetime
{
    private readonly string _tenant = Azurite.UniqueName("rw");
    private readonly string _secret = StripeSignature.NewSecret();
    private LiveStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await LiveStack.StartAsync(
            "--Stripe:ApiKey=sk_test_renewal_webhook",
            $"--Tenants:{_tenant}:WebhookSecrets={_secret}",
            "--LocalTriggers:Functions:0=apply-stripe-event");
        await _stack.ForwardWebhooksAsync(_tenant, _secret);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task Invoice_paid_webhook_wakes_the_renewal_waiting_for_it()
    {
        var app = _stack.App.Services;
        await using var harness = await RenewalHarness.CreateAsync(_stack.Emulator.BaseUrl, await RenewalHarness.NewStorageAsync(),
            TimeProvider.System);
        var customer = await harness.CustomerWithCardAsync();
        var subscription = RenewalHarness.MonthlySubscription("sub_webhook", DateTimeOffset.UtcNow.AddHours(-1), CollectionMethod.SendInvoice)
            with { Tenant = new(_tenant) };
        await RenewalHarness.StoreInAppAsync(_stack.App.Services, subscription, customer);
        var renewal = RenewalState.Start(subscription);
        await ProcessInstances.StartAsync(app.GetRequiredService<DurableTaskClient>(), RenewalKind.Instance, _tenant, renewal.InstanceId, renewal,
            renewal.DueAt, DateTimeOffset.UtcNow, CancellationToken.None);
        RenewalState? waiting = null;
        await Eventually.TrueAsync(async () => await DurableProcesses.ReadAsync(app, _tenant, renewal.InstanceId) is { } read
            && (waiting = RenewalHarness.StateOf(read)).Phase == RenewalPhase.AwaitingPayment, "the renewal sent its invoice and waits");

        await harness.Stripe.V1.Invoices.PayAsync(waiting!.StripeInvoiceId!, new InvoicePayOptions { PaidOutOfBand = true },
            harness.Stripe.Write("test:renewal-webhook-paid"));

        await Eventually.TrueAsync(async () => (await DurableProcesses.ReadAsync(app, _tenant, renewal.InstanceId))!.Completed,
            "the invoice.paid webhook completes the renewal");
        var done = RenewalHarness.StateOf((await DurableProcesses.ReadAsync(app, _tenant, renewal.InstanceId))!);
        Assert.Equal(("paid", true), (done.Outcome, done.Paid));

        // Paid out of band, so only the webhook's projection can have told the CRM: it knows the invoice by its metadata.
        var invoices = _stack.App.Services.GetRequiredService<App.Invoices.InvoiceStore>();
        var tenant = (await _stack.App.Services.GetRequiredService<App.Tenancy.TenantDirectory>().GetAsync(new(_tenant), CancellationToken.None))!;
        InvoiceSnapshot? crm = null;
        await Eventually.TrueAsync(async () => (crm = (await invoices.GetAsync(tenant, new(renewal.InvoiceId), CancellationToken.None))?.Invoice)
            is { Status: InvoiceStatus.Paid }, "the CRM invoice of the renewal is paid");
        Assert.Equal((CollectionMethod.SendInvoice, 30, waiting.StripeInvoiceId), (crm!.Collection, crm.DaysUntilDue, crm.StripeInvoiceId));
    }
}
