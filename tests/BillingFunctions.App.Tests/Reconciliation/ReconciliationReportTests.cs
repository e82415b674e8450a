using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Reconciliation;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;

namespace BillingFunctions.App.Tests.Reconciliation;

/// <summary>
/// Payments reach reconciliation only as Stripe's signed webhooks: Azurite, the Stripe emulator delivering to the app
/// on real ports, the app's webhook and apply-stripe-event functions, and the report over HTTP.
/// </summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class ReconciliationReportTests : IAsyncLifetime
{
    private readonly string _secret = StripeSignature.NewSecret();
    private readonly string _stripeKey = "sk_test_" + Guid.NewGuid().ToString("N");
    private LiveStack _stack = null!;
    private ProvisionedTenant _tenant = null!;

    public async Task InitializeAsync()
    {
        _stack = await LiveStack.StartAsync($"--{PlatformKeyAuthenticationHandler.KeySetting}={ApiHost.PlatformKey}");
        using var platform = new HttpClient { BaseAddress = _stack.AppUrl };
        platform.DefaultRequestHeaders.Add(PlatformKeyAuthenticationHandler.Header, ApiHost.PlatformKey);
        _tenant = await TenantWorld.ReadAsync<ProvisionedTenant>(await platform.PostAsJsonAsync("/api/v1/platform/tenants",
            new ProvisionTenantRequest("Acme", "eur", "Europe/Berlin", _stripeKey, null, _secret, "admin", null)));
        await _stack.ForwardWebhooksAsync(_tenant.TenantId, _secret);
        using var admin = Client("admin");
        (await admin.PutAsJsonAsync("/api/v1/users/fin", new PutUserRequest("finance", null, "Fin"))).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/users/ada", new PutUserRequest("rep", "north", "Ada"))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private HttpClient Client(string user)
    {
        var client = new HttpClient { BaseAddress = _stack.AppUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tenant.ApiKey);
        client.DefaultRequestHeaders.Add("X-Acting-User", user);
        return client;
    }

    /// <summary>
    /// An invoice made straight in Stripe (not through the CRM), finalized: open for <paramref name="amount"/> EUR cents. Its
    /// customer is marked as the tenant's, as the CRM marks the customers it creates, so the tenant's route takes its events.
    /// </summary>
    private async Task<Stripe.Invoice> StripeInvoiceAsync(StripeAccount stripe, long amount)
    {
        var key = Guid.NewGuid().ToString("N");
        var customer = await stripe.V1.Customers.CreateAsync(new CustomerCreateOptions
        {
            Name = "Initech", Email = "ap@initech.example",
            Metadata = new Dictionary<string, string> { [App.Webhooks.StripeEventOwnership.TenantMetadata] = _tenant.TenantId },
        }, stripe.Write(key + "c"));
        await stripe.V1.InvoiceItems.CreateAsync(new InvoiceItemCreateOptions { Customer = customer.Id, Amount = amount, Currency = "eur" },
            stripe.Write(key + "ii"));
        var invoice = await stripe.V1.Invoices.CreateAsync(new InvoiceCreateOptions
        {
            Customer = customer.Id, CollectionMethod = "send_invoice", DaysUntilDue = 30, PendingInvoiceItemsBehavior = "include",
        }, stripe.Write(key + "in"));
        return await stripe.V1.Invoices.FinalizeInvoiceAsync(invoice.Id, new InvoiceFinalizeOptions(), stripe.Write(key + "fin"));
    }

    [Fact]
    public async Task The_report_matches_a_card_payment_and_an_out_of_band_one_and_lists_a_payment_without_invoice()
    {
        var stripe = _stack.Stripe(_stripeKey);
        using var ada = Client("ada");
        using var finance = Client("fin");

        // Real emulator payments: a CRM invoice paid by card (charge, payment intent and invoice.paid: one payment).
        var customer = await TenantWorld.ReadAsync<CustomerResponse>(await ada.PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest("Globex", "ap@globex.example", null, null, null)));
        var crm = await TenantWorld.ReadAsync<InvoiceResponse>(await ada.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(
            customer.Id, null, null, "send_invoice", null, 30, [new InvoiceLineRequest("Retainer", 1, 250_000, null)], [])));
        var paid = await TenantWorld.ReadAsync<InvoiceResponse>(await ada.PostAsync($"/api/v1/invoices/{crm.Id}/finalize", null));
        var card = await stripe.V1.Invoices.PayAsync(paid.StripeInvoiceId!, new InvoicePayOptions { PaymentMethod = "pm_card_visa" },
            stripe.Write("pay-" + crm.Id));
        // ...and an invoice marked paid out of band (a bank transfer): invoice.paid with no charge.
        var outOfBand = await StripeInvoiceAsync(stripe, 5_000);
        await stripe.V1.Invoices.PayAsync(outOfBand.Id, new InvoicePayOptions { PaidOutOfBand = true }, stripe.Write("oob-" + outOfBand.Id));

        // A crafted charge.succeeded of no invoice through the signed webhook route (see CraftedCharges).
        var crafted = new CraftedCharges(_stack, _tenant.TenantId, _secret, _stripeKey);
        var cardCharge = (await stripe.PaymentIntentOfAsync(card.Id))!.LatestChargeId;
        await crafted.UseTemplateAsync(cardCharge);
        var stray = await crafted.DeliverAsync(1_999);

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);
        var path = $"/api/v1/reconciliation?from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        ReconciliationResponse report = null!;
        await Eventually.TrueAsync(async () =>
        {
            report = await TenantWorld.ReadAsync<ReconciliationResponse>(await finance.GetAsync(path));
            return report.Matched.Count == 2 && report.PaymentsWithoutInvoice.Count == 1;
        }, "every webhook is applied and the report shows each case");

        var match = Assert.Single(report.Matched, m => m.StripeInvoiceId == paid.StripeInvoiceId);
        Assert.Equal((paid.StripeInvoiceId, crm.Id, 250_000L, "eur"), (match.StripeInvoiceId, match.InvoiceId, match.Payment.Amount,
            match.Payment.Currency));
        Assert.Contains(cardCharge, match.Payment.RecordIds); // the charge, its payment intent and invoice.paid merged into one payment
        Assert.Equal(3, match.Payment.RecordIds.Count);
        Assert.Equal([new MatchedTotal("eur", 255_000, 2)], report.MatchedTotals);
        Assert.Equal(5_000L, Assert.Single(report.Matched, m => m.StripeInvoiceId == outOfBand.Id).Payment.Amount);

        var without = Assert.Single(report.PaymentsWithoutInvoice);
        Assert.Equal(("no_invoice_on_payment", 1_999L), (without.Reason, without.Payment.Amount));
        Assert.Equal([stray], without.Payment.RecordIds);
        Assert.Empty(report.InvoicesPaidTwice);
        Assert.Empty(report.AmountMismatches);
        Assert.False(report.Clean);

        // A redelivered payment event is recorded once: the report does not change.
        var paidEvent = (await stripe.V1.Events.ListAsync(new EventListOptions { Type = "invoice.paid", Limit = 100 }, stripe.Read())).Data
            .Single(e => e.ObjectId() == paid.StripeInvoiceId);
        await _stack.RedeliverAsync(paidEvent.Id);
        await Task.Delay(1500);
        var again = await TenantWorld.ReadAsync<ReconciliationResponse>(await finance.GetAsync(path));
        Assert.Equal(match.Payment.RecordIds, Assert.Single(again.Matched, m => m.StripeInvoiceId == paid.StripeInvoiceId).Payment.RecordIds);
        Assert.Equal([new MatchedTotal("eur", 255_000, 2)], again.MatchedTotals);
    }

    [Fact]
    public async Task Only_finance_and_admins_read_the_report_and_bad_periods_are_refused()
    {
        using var ada = Client("ada");
        using var finance = Client("fin");
        using var admin = Client("admin");

        Assert.Equal(HttpStatusCode.Forbidden, (await ada.GetAsync("/api/v1/reconciliation")).StatusCode);
        Assert.True((await TenantWorld.ReadAsync<ReconciliationResponse>(await admin.GetAsync("/api/v1/reconciliation"))).Clean);
        foreach (var query in new[] { "from=2026-11-30&to=2026-11-01", "from=2025-01-01&to=2026-11-01", "from=yesterday", "to=2026-13-01" })
            Assert.Equal(HttpStatusCode.BadRequest, (await finance.GetAsync($"/api/v1/reconciliation?{query}")).StatusCode);
    }
}
