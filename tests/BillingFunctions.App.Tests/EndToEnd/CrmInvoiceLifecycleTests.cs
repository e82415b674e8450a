using System.Net.Http.Headers;
using System.Net.Http.Json;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Dashboards;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;

namespace BillingFunctions.App.Tests.EndToEnd;

/// <summary>
/// The CRM's whole path on real ports: a tenant provisioned through the platform API, an invoice finalized through
/// ours, paid in Stripe behind our back; the signed webhook, the queue and the projection bring it home.
/// </summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class CrmInvoiceLifecycleTests : IAsyncLifetime
{
    private LiveStack _stack = null!;

    public async Task InitializeAsync() =>
        _stack = await LiveStack.StartAsync($"--{PlatformKeyAuthenticationHandler.KeySetting}={ApiHost.PlatformKey}");

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private HttpClient Client(string apiKey, string user)
    {
        var client = new HttpClient { BaseAddress = _stack.AppUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        client.DefaultRequestHeaders.Add("X-Acting-User", user);
        return client;
    }

    [Fact]
    public async Task An_invoice_paid_in_stripe_shows_as_paid_and_collected_through_the_webhook_once()
    {
        var secret = StripeSignature.NewSecret();
        var stripeKey = "sk_test_" + Guid.NewGuid().ToString("N");
        using var platform = new HttpClient { BaseAddress = _stack.AppUrl };
        platform.DefaultRequestHeaders.Add(PlatformKeyAuthenticationHandler.Header, ApiHost.PlatformKey);
        var tenant = await TenantWorld.ReadAsync<ProvisionedTenant>(await platform.PostAsJsonAsync("/api/v1/platform/tenants",
            new ProvisionTenantRequest("Acme", "eur", "Europe/Berlin", stripeKey, null, secret, "admin", null)));
        await _stack.ForwardWebhooksAsync(tenant.TenantId, secret);

        using var admin = Client(tenant.ApiKey, "admin");
        (await admin.PutAsJsonAsync("/api/v1/users/ada", new PutUserRequest("rep", "north", "Ada"))).EnsureSuccessStatusCode();
        using var ada = Client(tenant.ApiKey, "ada");
        var customer = await TenantWorld.ReadAsync<CustomerResponse>(await ada.PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest("Globex", "ap@globex.example", null, null, null)));
        var invoice = await TenantWorld.ReadAsync<InvoiceResponse>(await ada.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(
            customer.Id, null, null, "send_invoice", null, 30, [new InvoiceLineRequest("Retainer", 1, 250_000, null)], ["retainer"])));
        var open = await TenantWorld.ReadAsync<InvoiceResponse>(await ada.PostAsync($"/api/v1/invoices/{invoice.Id}/finalize", null));
        Assert.Equal("open", open.Status);

        // The customer pays on Stripe's side (hosted page, bank transfer): we only hear of it by webhook.
        var stripe = _stack.Stripe(stripeKey);
        await stripe.V1.Invoices.PayAsync(open.StripeInvoiceId!, new InvoicePayOptions { PaymentMethod = "pm_card_visa" },
            stripe.Write("pay-" + invoice.Id));

        await Eventually.TrueAsync(async () => (await ada.GetFromJsonAsync<InvoiceResponse>($"/api/v1/invoices/{invoice.Id}"))!.Status == "paid",
            "the invoice.paid webhook reaches the projection");
        var paidEvent = (await stripe.V1.Events.ListAsync(new EventListOptions { Type = "invoice.paid", Limit = 10 }, stripe.Read())).Data
            .Single(e => e.ObjectId() == open.StripeInvoiceId);
        await _stack.RedeliverAsync(paidEvent.Id);
        await Task.Delay(1500);

        var timeline = (await ada.GetFromJsonAsync<List<TimelineEntry>>($"/api/v1/invoices/{invoice.Id}/timeline"))!;
        Assert.Single(timeline, e => e.Action == "stripe.paid" && e.Actor == "stripe");
        var quarter = (await ada.GetFromJsonAsync<RepDashboard>("/api/v1/dashboards/rep"))!.Current.Single();
        Assert.Equal((250_000L, 250_000L, 0L), (quarter.Invoiced, quarter.Collected, quarter.Outstanding));
    }
}
