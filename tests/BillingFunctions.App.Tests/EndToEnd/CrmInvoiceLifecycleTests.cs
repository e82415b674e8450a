extern alias emulator;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BillingFunctions.Adapters.Stripe;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Dashboards;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using EmulatorOptions = emulator::StripeEmulator.EmulatorOptions;
using RunningEmulator = emulator::StripeEmulator.RunningEmulator;

namespace BillingFunctions.App.Tests.EndToEnd;

/// <summary>
/// The CRM's whole path on real ports: a tenant provisioned through the platform API, an invoice finalized through
/// ours, paid in Stripe behind our back; the signed webhook, the queue and the projection bring it home.
/// </summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class CrmInvoiceLifecycleTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("crm-e2e-").FullName;
    private readonly HttpClient _http = new();
    private RunningEmulator _emulator = null!;
    private WebApplication _app = null!;
    private Uri _appUrl = null!;

    public async Task InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync(new EmulatorOptions { WebhookRetryDelay = TimeSpan.FromMilliseconds(200), RateLimitPerSecond = null });
        _app = BillingApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--BILLING_STORAGE={Azurite.ConnectionString}",
            $"--Stripe:BaseUrl={_emulator.BaseUrl}",
            $"--{PlatformKeyAuthenticationHandler.KeySetting}={ApiHost.PlatformKey}",
            "--LocalTriggers:Enabled=true",
            $"--LocalTriggers:HostJsonPath={TestApp.WriteHostJson(_directory)}",
        ]);
        await _app.StartAsync();
        _appUrl = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _emulator.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private HttpClient Client(string apiKey, string user)
    {
        var client = new HttpClient { BaseAddress = _appUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        client.DefaultRequestHeaders.Add("X-Acting-User", user);
        return client;
    }

    [Fact]
    public async Task An_invoice_paid_in_stripe_shows_as_paid_and_collected_through_the_webhook_once()
    {
        var secret = StripeSignature.NewSecret();
        var stripeKey = "sk_test_" + Guid.NewGuid().ToString("N");
        using var platform = new HttpClient { BaseAddress = _appUrl };
        platform.DefaultRequestHeaders.Add(PlatformKeyAuthenticationHandler.Header, ApiHost.PlatformKey);
        var tenant = await TenantWorld.ReadAsync<ProvisionedTenant>(await platform.PostAsJsonAsync("/api/v1/platform/tenants",
            new ProvisionTenantRequest("Acme", "eur", "Europe/Berlin", stripeKey, null, secret, "admin", null)));
        using (var target = await _http.PostAsJsonAsync(new Uri(_emulator.BaseUrl, "_emulator/webhooks"),
            new { url = new Uri(_appUrl, $"/api/webhooks/stripe/{tenant.TenantId}"), secret }))
            target.EnsureSuccessStatusCode();

        using var admin = Client(tenant.ApiKey, "admin");
        (await admin.PutAsJsonAsync("/api/v1/users/ada", new PutUserRequest("rep", "north", "Ada"))).EnsureSuccessStatusCode();
        using var ada = Client(tenant.ApiKey, "ada");
        var customer = await TenantWorld.ReadAsync<CustomerResponse>(await ada.PostAsJsonAsync("/api/v1/customers", new CreateCustomerRequest("Globex", "ap@globex.example", null, null, null)));
        var invoice = await TenantWorld.ReadAsync<InvoiceResponse>(await ada.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(
            customer.Id, null, null, "send_invoice", null, 30, [new InvoiceLineRequest("Retainer", 1, 250_000, null)], ["retainer"])));
        var open = await TenantWorld.ReadAsync<InvoiceResponse>(await ada.PostAsync($"/api/v1/invoices/{invoice.Id}/finalize", null));
        Assert.Equal("open", open.Status);

        // The customer pays on Stripe's side (hosted page, bank transfer): we only hear of it by webhook.
        var stripe = new StripeClient(_http, new StripeClientOptions { BaseUrl = _emulator.BaseUrl, ApiKey = stripeKey, RateLimitPerSecond = null });
        await stripe.Invoices.PayAsync(open.StripeInvoiceId!, new InvoicePayRequest { PaymentMethod = "pm_card_visa" }, "pay-" + invoice.Id);

        await Eventually.TrueAsync(async () => (await ada.GetFromJsonAsync<InvoiceResponse>($"/api/v1/invoices/{invoice.Id}"))!.Status == "paid",
            "the invoice.paid webhook reaches the projection");
        var paidEvent = (await stripe.Events.ListAsync(new EventListRequest { Type = "invoice.paid", Limit = 10 })).Data
            .Single(e => e.Data.Object.GetProperty("id").GetString() == open.StripeInvoiceId);
        using (var redeliver = await _http.PostAsync(new Uri(_emulator.BaseUrl, $"_emulator/events/{paidEvent.Id}/redeliver"), null))
            redeliver.EnsureSuccessStatusCode();
        await Task.Delay(1500);

        var timeline = (await ada.GetFromJsonAsync<List<TimelineEntry>>($"/api/v1/invoices/{invoice.Id}/timeline"))!;
        Assert.Single(timeline, e => e.Action == "stripe.paid" && e.Actor == "stripe");
        var quarter = (await ada.GetFromJsonAsync<RepDashboard>("/api/v1/dashboards/rep"))!.Current.Single();
        Assert.Equal((250_000L, 250_000L, 0L), (quarter.Invoiced, quarter.Collected, quarter.Outstanding));
    }
}
