extern alias emulator;
using System.Net.Http.Json;
using BillingFunctions.Adapters.Stripe;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Renewals;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using EmulatorOptions = emulator::StripeEmulator.EmulatorOptions;
using RunningEmulator = emulator::StripeEmulator.RunningEmulator;

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
    private readonly string _directory = Directory.CreateTempSubdirectory("renewal-webhook-").FullName;
    private readonly HttpClient _http = new();
    private RunningEmulator _emulator = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync(new EmulatorOptions { WebhookRetryDelay = TimeSpan.FromMilliseconds(200), RateLimitPerSecond = null });
        _app = BillingApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--BILLING_STORAGE={Azurite.ConnectionString}",
            "--Stripe:Mode=emulator",
            $"--Stripe:BaseUrl={_emulator.BaseUrl}",
            "--Stripe:ApiKey=sk_test_renewal_webhook",
            $"--Tenants:{_tenant}:WebhookSecrets={_secret}",
            "--LocalTriggers:Enabled=true",
            "--LocalTriggers:Functions:0=step-renewal",
            "--LocalTriggers:Functions:1=apply-stripe-event",
            $"--LocalTriggers:HostJsonPath={TestApp.WriteHostJson(_directory)}",
        ]);
        await _app.StartAsync();
        var appUrl = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var target = await _http.PostAsJsonAsync(new Uri(_emulator.BaseUrl, "_emulator/webhooks"),
            new { url = new Uri(appUrl, $"/api/webhooks/stripe/{_tenant}"), secret = _secret });
        target.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _emulator.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Invoice_paid_webhook_wakes_the_renewal_waiting_for_it()
    {
        var runtime = _app.Services.GetRequiredService<ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect>>();
        var harness = RenewalHarness.Create(_emulator.BaseUrl, await RenewalHarness.NewStorageAsync(), TimeProvider.System);
        var customer = await harness.CustomerWithCardAsync();
        var subscription = RenewalHarness.MonthlySubscription("sub_webhook", DateTimeOffset.UtcNow.AddHours(-1), CollectionMethod.SendInvoice)
            with { Tenant = new(_tenant) };
        var renewal = RenewalState.Start(subscription, customer);
        await runtime.StartAsync(_tenant, renewal.InstanceId, renewal, renewal.DueAt);
        RenewalState? waiting = null;
        await Eventually.TrueAsync(async () =>
            (waiting = runtime.ReadState((await runtime.GetAsync(_tenant, renewal.InstanceId))!)).Phase == RenewalPhase.AwaitingPayment,
            "the renewal sent its invoice and waits");

        await harness.Stripe.Invoices.PayAsync(waiting!.StripeInvoiceId!, new InvoicePayRequest { PaidOutOfBand = true }, "test:renewal-webhook-paid");

        await Eventually.TrueAsync(async () => (await runtime.GetAsync(_tenant, renewal.InstanceId))!.Completed, "the invoice.paid webhook completes the renewal");
        var done = (await runtime.GetAsync(_tenant, renewal.InstanceId))!;
        Assert.Equal("paid", runtime.ReadState(done).Outcome);
        Assert.Equal("InvoicePaid", done.History[^1].Event);
    }
}
