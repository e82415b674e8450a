using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.Adapters.Tests.Email;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Dashboards;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Reconciliation;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Webhooks;
using BillingFunctions.Domain.Dunning;

namespace BillingFunctions.App.Tests.Webhooks;

/// <summary>
/// Two tenants on one Stripe account, as every tenant is on the local stack and tenants on the platform's own account
/// are in production: the emulator sends each event of the account, signed, to both tenants' webhook routes. Azurite,
/// the emulator, the app with its orchestrations, apply-stripe-event and send-outbox-email, and maildev on real ports.
/// </summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class SharedStripeAccountTests : IAsyncLifetime
{
    private MailDev _mail = null!;
    private LiveStack _stack = null!;
    private Side _a = null!;
    private Side _b = null!;

    private sealed record Side(string Tenant, string Secret, string StripeKey, StripeAccount Stripe, HttpClient Admin);

    private sealed record PaidAndDeclined(CustomerResponse Customer, InvoiceResponse Paid, InvoiceResponse Declined);

    public async Task InitializeAsync()
    {
        _mail = await MailDev.StartAsync();
        _stack = await LiveStack.StartAsync(
            $"--{PlatformKeyAuthenticationHandler.KeySetting}={ApiHost.PlatformKey}",
            "--Stripe:ApiKey=sk_test_shared_account_platform",
            "--LocalTriggers:Functions:0=apply-stripe-event",
            "--LocalTriggers:Functions:1=send-outbox-email",
            "--Notifications:Smtp:Host=127.0.0.1",
            $"--Notifications:Smtp:Port={_mail.SmtpPort}");
        _a = await ProvisionAsync("Acme");
        _b = await ProvisionAsync("Bravo");
    }

    public async Task DisposeAsync()
    {
        _a.Admin.Dispose();
        _b.Admin.Dispose();
        await _stack.DisposeAsync();
        await _mail.DisposeAsync();
    }

    private async Task<Side> ProvisionAsync(string name)
    {
        var secret = StripeSignature.NewSecret();
        var stripeKey = "sk_test_" + Guid.NewGuid().ToString("N");
        using var platform = new HttpClient { BaseAddress = _stack.AppUrl };
        platform.DefaultRequestHeaders.Add(PlatformKeyAuthenticationHandler.Header, ApiHost.PlatformKey);
        var tenant = await TenantWorld.ReadAsync<ProvisionedTenant>(await platform.PostAsJsonAsync("/api/v1/platform/tenants",
            new ProvisionTenantRequest(name, "eur", "Europe/Berlin", stripeKey, null, secret, "admin", null)));
        await _stack.ForwardWebhooksAsync(tenant.TenantId, secret);
        var admin = new HttpClient { BaseAddress = _stack.AppUrl };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey);
        admin.DefaultRequestHeaders.Add("X-Acting-User", "admin");
        return new Side(tenant.TenantId, secret, stripeKey, _stack.Stripe(stripeKey), admin);
    }

    private Task<SettledInstance?> DunningAsync(string tenant, string stripeInvoice) =>
        DurableProcesses.ReadAsync(_stack.App.Services, tenant, DunningState.InstanceIdFor(stripeInvoice));

    private StripeEventStore Events => _stack.App.Services.GetRequiredService<StripeEventStore>();

    /// <summary>Through the CRM API: a customer, an invoice paid by card, then a second invoice whose charge is declined.</summary>
    private static async Task<PaidAndDeclined> PayAndDeclineAsync(Side side, long paidAmount, long declinedAmount)
    {
        var customer = await TenantWorld.ReadAsync<CustomerResponse>(await side.Admin.PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest("Customer of " + side.Tenant, $"ap-{Guid.NewGuid():N}@example.com", null, null, null)));
        await SetCardAsync(side, customer, "pm_card_visa");
        var paid = await OpenInvoiceAsync(side, customer, paidAmount);
        paid = await TenantWorld.ReadAsync<InvoiceResponse>(await side.Admin.PostAsync($"/api/v1/invoices/{paid.Id}/pay", null));

        await SetCardAsync(side, customer, "pm_card_chargeCustomerFail");
        var declined = await OpenInvoiceAsync(side, customer, declinedAmount);
        using var charge = await side.Admin.PostAsync($"/api/v1/invoices/{declined.Id}/pay", null);
        Assert.Equal(HttpStatusCode.PaymentRequired, charge.StatusCode);
        return new PaidAndDeclined(customer, paid, declined);
    }

    private static async Task SetCardAsync(Side side, CustomerResponse customer, string card) =>
        (await side.Admin.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/default-payment-method", new SetPaymentMethodRequest(card)))
        .EnsureSuccessStatusCode();

    private static async Task<InvoiceResponse> OpenInvoiceAsync(Side side, CustomerResponse customer, long amount)
    {
        var draft = await TenantWorld.ReadAsync<InvoiceResponse>(await side.Admin.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(
            customer.Id, null, null, "charge_automatically", null, null, [new InvoiceLineRequest("Support", 1, amount, null)], [])));
        return await TenantWorld.ReadAsync<InvoiceResponse>(await side.Admin.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null));
    }

    /// <summary>Waits until every event of the account so far is stored for the tenant and applied (or ignored) there.</summary>
    private async Task<IReadOnlyList<StoredStripeEvent>> CaughtUpAsync(Side side)
    {
        var stored = new List<StoredStripeEvent>();
        await Eventually.TrueAsync(async () =>
        {
            var all = await side.Stripe.V1.Events.ListAsync(new EventListOptions { Limit = 100 }, side.Stripe.Read());
            stored.Clear();
            foreach (var e in all.Data)
                if (await Events.GetAsync(side.Tenant, e.Id, CancellationToken.None) is { AppliedAt: not null } applied) stored.Add(applied);
            return stored.Count == all.Data.Count;
        }, $"every event of the account is applied or ignored for {side.Tenant}");
        return stored;
    }

    private static async Task<string> ReconciliationJsonAsync(Side side)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);
        using var response = await side.Admin.GetAsync($"/api/v1/reconciliation?from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<IReadOnlyList<ReceivedEmail>> SettledEmailsAsync(MailDev mail, string to, int atLeast, string what)
    {
        await Eventually.TrueAsync(async () => (await mail.EmailsToAsync(to)).Count >= atLeast, what);
        await Task.Delay(1500); // anything more would have been sent by now: the outbox drains as fast as dunning fills it
        return await mail.EmailsToAsync(to);
    }

    [Fact]
    public async Task Paying_and_declining_in_two_tenants_on_one_account_leaves_nothing_of_B_in_A()
    {
        var a = await PayAndDeclineAsync(_a, 10_000, 20_000);
        var b = await PayAndDeclineAsync(_b, 250_000, 120_000);

        // Each tenant chases its own decline, and its customer hears of it once.
        await Eventually.TrueAsync(async () => await DunningAsync(_a.Tenant, a.Declined.StripeInvoiceId!) is not null,
            "A's dunning starts for A's declined invoice");
        await Eventually.TrueAsync(async () => await DunningAsync(_b.Tenant, b.Declined.StripeInvoiceId!) is not null,
            "B's dunning starts for B's declined invoice");
        var toB = await SettledEmailsAsync(_mail, b.Customer.Email!, 1, "B's customer hears of the failed payment");
        var toA = await SettledEmailsAsync(_mail, a.Customer.Email!, 1, "A's customer hears of the failed payment");
        var seenByA = await CaughtUpAsync(_a);
        var seenByB = await CaughtUpAsync(_b);

        // Dunning: A runs no process for B's invoice (and B none for A's); B's customer got B's one email, not a second from A.
        Assert.Null(await DunningAsync(_a.Tenant, b.Declined.StripeInvoiceId!));
        Assert.Null(await DunningAsync(_b.Tenant, a.Declined.StripeInvoiceId!));
        Assert.Single(toB);
        Assert.Single(toA);

        // Reconciliation: A's report names A's payment and nothing of B's (invoices, charges, customers).
        var reportA = await ReconciliationJsonAsync(_a);
        var matchedA = JsonSerializer.Deserialize<ReconciliationResponse>(reportA, ApiHost.JsonOptions)!;
        Assert.Equal([a.Paid.StripeInvoiceId], matchedA.Matched.Select(m => m.StripeInvoiceId));
        Assert.Equal([new MatchedTotal("eur", 10_000, 1)], matchedA.MatchedTotals);
        Assert.Empty(matchedA.PaymentsWithoutInvoice);
        foreach (var ofB in new[] { b.Paid.StripeInvoiceId!, b.Declined.StripeInvoiceId!,
            (await _b.Stripe.PaymentIntentOfAsync(b.Paid.StripeInvoiceId!))!.LatestChargeId })
            Assert.DoesNotContain(ofB, reportA);
        var matchedB = JsonSerializer.Deserialize<ReconciliationResponse>(await ReconciliationJsonAsync(_b), ApiHost.JsonOptions)!;
        Assert.Equal([b.Paid.StripeInvoiceId], matchedB.Matched.Select(m => m.StripeInvoiceId));

        // Dashboards and the invoice list: A's own invoices only.
        var dashboardA = await TenantWorld.ReadAsync<TenantDashboard>(await _a.Admin.GetAsync("/api/v1/dashboards/tenant"));
        var figures = Assert.Single(dashboardA.Totals);
        Assert.Equal((30_000L, 10_000L, 2), (figures.Invoiced, figures.Collected, figures.InvoicedCount));
        var listA = await TenantWorld.ReadAsync<JsonObject>(await _a.Admin.GetAsync("/api/v1/invoices"));
        Assert.Equal(new[] { a.Paid.Id, a.Declined.Id }.Order(), listA["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Order());

        // Every event about B's objects reached A, and A recorded it as ignored, naming B.
        var bInvoices = new[] { b.Paid.StripeInvoiceId, b.Declined.StripeInvoiceId };
        var aboutB = seenByA.Where(e => e.Type.StartsWith("invoice.", StringComparison.Ordinal)
            && bInvoices.Contains(JsonNode.Parse(e.Payload)!["data"]!["object"]!["id"]!.GetValue<string>())).ToList();
        Assert.NotEmpty(aboutB);
        Assert.All(aboutB, e => Assert.Contains(_b.Tenant, e.IgnoredBecause));
        Assert.Contains(seenByA, e => e.Type == "charge.succeeded" && e.IgnoredBecause?.Contains(_b.Tenant) == true);
        Assert.Contains(seenByA, e => e.Type == "invoice.paid" && e.IgnoredBecause is null);
        Assert.Contains(seenByB, e => e.Type == "invoice.paid" && e.IgnoredBecause is null);
    }

    [Fact]
    public async Task A_signed_event_about_Bs_objects_posted_to_As_route_is_stored_as_ignored_and_changes_nothing()
    {
        var b = await PayAndDeclineAsync(_b, 5_000, 7_000);
        var failed = (await _b.Stripe.V1.Events.ListAsync(new EventListOptions { Type = "invoice.payment_failed",
            Limit = 10 }, _b.Stripe.Read())).Data
            .Single(e => e.ObjectId() == b.Declined.StripeInvoiceId);
        var charge = (await _b.Stripe.V1.Events.ListAsync(new EventListOptions { Type = "charge.succeeded", Limit = 10 },
            _b.Stripe.Read())).Data.Single();

        // Fresh event ids, so these are not the deliveries the emulator already made to A.
        var failedForA = await PostToAAsync(failed, e => { });
        var chargeForA = await PostToAAsync(charge, e => { }); // a charge names no invoice: traced through its customer
        var nobodys = await PostToAAsync(charge, e => e["data"]!["object"]!["customer"] = null);

        StoredStripeEvent?[] stored = [];
        await Eventually.TrueAsync(async () => (stored = await Task.WhenAll(new[] { failedForA, chargeForA, nobodys }
            .Select(id => Events.GetAsync(_a.Tenant, id, CancellationToken.None)))).All(s => s?.AppliedAt is not null), "A handled the three events");

        Assert.Contains($"belongs to tenant {_b.Tenant}", stored[0]!.IgnoredBecause);
        Assert.Contains($"customer {b.Customer.StripeCustomerId} belongs to tenant {_b.Tenant}", stored[1]!.IgnoredBecause);
        Assert.Contains("names a tenant, customer or invoice of ours", stored[2]!.IgnoredBecause);
        Assert.Null(await DunningAsync(_a.Tenant, b.Declined.StripeInvoiceId!));
        var reportA = JsonSerializer.Deserialize<ReconciliationResponse>(await ReconciliationJsonAsync(_a), ApiHost.JsonOptions)!;
        Assert.True(reportA.Clean);
        Assert.Empty(reportA.Matched);
        Assert.Empty(reportA.PaymentsWithoutInvoice);
        // B's own payment-failed email, none from A.
        Assert.Single(await SettledEmailsAsync(_mail, b.Customer.Email!, 1, "B's customer hears of the failed payment from B"));
    }

    /// <summary>B's event as the emulator raised it, with a fresh id and <paramref name="change"/>, signed for A and posted to A's route.</summary>
    private async Task<string> PostToAAsync(Event template, Action<JsonObject> change)
    {
        using var read = new HttpRequestMessage(HttpMethod.Get, new Uri(_stack.Emulator.BaseUrl, $"v1/events/{template.Id}"));
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _b.StripeKey);
        using var raw = await _stack.Http.SendAsync(read);
        var json = (await raw.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!;
        var eventId = "evt_crafted" + Guid.NewGuid().ToString("N")[..16];
        json["id"] = eventId;
        change(json);
        var body = json.ToJsonString();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        content.Headers.Add("Stripe-Signature", StripeSignature.Header(body, _a.Secret));
        using var response = await _stack.Http.PostAsync(new Uri(_stack.AppUrl, $"/api/webhooks/stripe/{_a.Tenant}"), content);
        response.EnsureSuccessStatusCode();
        return eventId;
    }
}
