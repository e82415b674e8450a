using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using Plan = BillingFunctions.Domain.Catalog.Plan;
using Subscription = BillingFunctions.Domain.Subscriptions.Subscription;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;

using BillingFunctions.Adapters.Tests.Email;

namespace BillingFunctions.App.Tests.Dunning;

/// <summary>
/// The whole dunning path on real ports: Azurite, the Stripe emulator delivering signed webhooks, the app on the local
/// function host (its orchestrations on a task hub of its own, apply-stripe-event and send-outbox-email) with time
/// travel, and maildev receiving the emails over SMTP. One tenant, provisioned through the platform API, with a rep (who has an email) and finance.
/// One per test class: the emulator sends every event to every tenant it forwards to, so tenants cannot share one.
/// </summary>
public sealed class DunningStack : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..10];

    internal LiveStack Live { get; private set; } = null!;
    internal MailDev Mail { get; private set; } = null!;
    public string Tenant { get; private set; } = null!;
    public StripeAccount Stripe { get; private set; } = null!;
    public HttpClient Rep { get; private set; } = null!;
    public HttpClient Finance { get; private set; } = null!;
    /// <summary>Bob, a rep in Ada's team whom the directory has no email for.</summary>
    public HttpClient RepWithoutEmail { get; private set; } = null!;
    public string RepEmail => $"ada-{_run}@acme.example";

    public async Task InitializeAsync()
    {
        Mail = await MailDev.StartAsync();
        Live = await LiveStack.StartAsync(
            $"--{PlatformKeyAuthenticationHandler.KeySetting}={ApiHost.PlatformKey}",
            "--Stripe:ApiKey=sk_test_dunning_timelines",
            "--Clock:TimeTravel=true",
            "--LocalTriggers:Functions:0=apply-stripe-event",
            "--LocalTriggers:Functions:1=send-outbox-email",
            "--Notifications:Smtp:Host=127.0.0.1",
            $"--Notifications:Smtp:Port={Mail.SmtpPort}");
        var secret = StripeSignature.NewSecret();
        var stripeKey = "sk_test_dunning" + _run;
        using var platform = new HttpClient { BaseAddress = Live.AppUrl };
        platform.DefaultRequestHeaders.Add(PlatformKeyAuthenticationHandler.Header, ApiHost.PlatformKey);
        var tenant = await TenantWorld.ReadAsync<ProvisionedTenant>(await platform.PostAsJsonAsync("/api/v1/platform/tenants",
            new ProvisionTenantRequest("Acme", "eur", "Europe/Berlin", stripeKey, null, secret, "admin", null)));
        Tenant = tenant.TenantId;
        Stripe = Live.Stripe(stripeKey);
        await Live.ForwardWebhooksAsync(Tenant, secret);
        using var admin = Client(tenant.ApiKey, "admin");
        (await admin.PutAsJsonAsync("/api/v1/users/ada", new PutUserRequest("rep", "north", "Ada", RepEmail))).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/users/bob", new PutUserRequest("rep", "north", "Bob"))).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/users/fin", new PutUserRequest("finance", null, "Fin"))).EnsureSuccessStatusCode();
        Rep = Client(tenant.ApiKey, "ada");
        RepWithoutEmail = Client(tenant.ApiKey, "bob");
        Finance = Client(tenant.ApiKey, "fin");
    }

    public async Task DisposeAsync()
    {
        Rep.Dispose();
        RepWithoutEmail.Dispose();
        Finance.Dispose();
        await Live.DisposeAsync();
        await Mail.DisposeAsync();
    }

    private HttpClient Client(string apiKey, string user)
    {
        var client = new HttpClient { BaseAddress = Live.AppUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        client.DefaultRequestHeaders.Add("X-Acting-User", user);
        return client;
    }

    /// <summary>The tenant's policy for processes that start from now on.</summary>
    public async Task UsePolicyAsync(int[] retryDelayDays, string subscription) =>
        await TenantWorld.ReadAsync<DunningSettingsResponse>(await Finance.PutAsJsonAsync("/api/v1/settings/dunning",
            new DunningSettingsRequest(retryDelayDays, true, subscription)));

    /// <summary>A CRM customer of the rep, in Stripe with a default card that attaches but every charge of it fails.</summary>
    public async Task<CustomerResponse> CustomerWithFailingCardAsync(HttpClient? owner = null)
    {
        var customer = await TenantWorld.ReadAsync<CustomerResponse>(await (owner ?? Rep).PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest("Globex", $"ap-{Guid.NewGuid():N}@globex.example", null, null, null)));
        return await SetCardAsync(customer.Id, "pm_card_chargeCustomerFail", owner);
    }

    /// <summary>The CRM sets the customer's default card (the customer gave a new one).</summary>
    public async Task<CustomerResponse> SetCardAsync(string customerId, string card, HttpClient? owner = null) =>
        await TenantWorld.ReadAsync<CustomerResponse>(await (owner ?? Rep).PostAsJsonAsync($"/api/v1/customers/{customerId}/default-payment-method",
            new SetPaymentMethodRequest(card)));

    /// <summary>A 120.00 EUR CRM invoice, finalized, whose charge through the CRM is declined: Stripe sends invoice.payment_failed.</summary>
    public async Task<InvoiceResponse> FailedCrmInvoiceAsync(CustomerResponse customer, HttpClient? owner = null)
    {
        var rep = owner ?? Rep;
        var draft = await TenantWorld.ReadAsync<InvoiceResponse>(await rep.PostAsJsonAsync("/api/v1/invoices", new CreateInvoiceRequest(
            customer.Id, null, null, "charge_automatically", null, null, [new InvoiceLineRequest("Support plan", 1, 12_000, null)], [])));
        var open = await TenantWorld.ReadAsync<InvoiceResponse>(await rep.PostAsync($"/api/v1/invoices/{draft.Id}/finalize", null));
        using var charge = await rep.PostAsync($"/api/v1/invoices/{draft.Id}/pay", null);
        Assert.Equal(HttpStatusCode.PaymentRequired, charge.StatusCode);
        return open;
    }

    /// <summary>An invoice Stripe made (a renewal's, naming its subscription in metadata) whose automatic charge failed.</summary>
    public async Task<string> FailedStripeInvoiceAsync(string stripeCustomer, string? subscription = null, string? payWith = null)
    {
        var run = Guid.NewGuid().ToString("N");
        var invoice = await Stripe.V1.Invoices.CreateAsync(new InvoiceCreateOptions
        {
            Customer = stripeCustomer, CollectionMethod = "charge_automatically", AutoAdvance = false, Currency = "eur",
            PendingInvoiceItemsBehavior = "exclude",
            Metadata = subscription is null ? null : new Dictionary<string, string> { ["subscription"] = subscription },
        }, Stripe.Write($"t:{run}:in"));
        await Stripe.V1.InvoiceItems.CreateAsync(new InvoiceItemCreateOptions
        {
            Customer = stripeCustomer, Invoice = invoice.Id, Amount = 4_900, Currency = "eur", Description = "Monthly plan",
        }, Stripe.Write($"t:{run}:ii"));
        await Stripe.V1.Invoices.FinalizeInvoiceAsync(invoice.Id, new InvoiceFinalizeOptions { AutoAdvance = false }, Stripe.Write($"t:{run}:fin"));
        await Assert.ThrowsAsync<StripeException>(() => Stripe.V1.Invoices.PayAsync(invoice.Id,
            new InvoicePayOptions { OffSession = true, PaymentMethod = payWith }, Stripe.Write($"t:{run}:pay")));
        return invoice.Id;
    }

    /// <summary>An active monthly subscription of the customer, in the app's subscription store (renewals bill it from there).</summary>
    public async Task<SubscriptionId> ActiveSubscriptionAsync(CustomerResponse customer)
    {
        var id = new SubscriptionId("sub_" + Guid.NewGuid().ToString("N")[..12]);
        var plan = Plan.Create(new PlanId("pln_monthly"), new ProductId("prd_1"), "Monthly", new Money(4_900, Currency.Eur),
            BillingInterval.Monthly).Value;
        var subscription = Subscription.Create(new NewSubscription
        {
            Id = id, Tenant = new TenantId(Tenant), Customer = new CustomerId(customer.Id), Plan = plan, Quantity = 1,
            Start = Live.App.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(-1),
        }).Value.ToSnapshot();
        Assert.True(await Subscriptions.TrySaveAsync(new TenantId(Tenant), null, subscription, null, [], [], CancellationToken.None));
        return id;
    }

    public SubscriptionStore Subscriptions => Live.App.Services.GetRequiredService<SubscriptionStore>();

    public async Task<SubscriptionStatus> SubscriptionStatusAsync(SubscriptionId id) =>
        (await Subscriptions.GetAsync(new TenantId(Tenant), id, CancellationToken.None))!.Subscription.Status;

    /// <summary>
    /// Moves the app's clock (POST /api/dev/clock, which tells every running orchestration the new time), then waits
    /// until the tenant's instances have taken the time in and wait again.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        using var http = new HttpClient { BaseAddress = Live.AppUrl };
        using var clock = new HttpRequestMessage(HttpMethod.Post, "/api/dev/clock") { Content = JsonContent.Create(new { advanceBy = by }) };
        clock.Headers.Add(PlatformKeyAuthenticationHandler.Header, ApiHost.PlatformKey);
        (await http.SendAsync(clock)).EnsureSuccessStatusCode();
        await DurableProcesses.SettleAsync(Live.App.Services, Tenant);
    }

    /// <summary>The invoice's dunning orchestration as it is now, or null if there is none (yet).</summary>
    internal Task<SettledInstance?> InstanceAsync(string stripeInvoice) =>
        DurableProcesses.ReadAsync(Live.App.Services, Tenant, DunningState.InstanceIdFor(stripeInvoice));

    /// <summary>Waits until the process is in <paramref name="status"/> with <paramref name="retriesUsed"/> retries.</summary>
    public async Task<DunningState> WaitForAsync(string stripeInvoice, DunningStatus status, string what, int? retriesUsed = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var instance = await InstanceAsync(stripeInvoice);
            var state = instance is null ? null : DunningKind.Instance.Read<DunningState>(instance.State);
            if (state is not null && state.Status == status && (retriesUsed is null || state.RetriesUsed == retriesUsed)) return state;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting until {what}. Instance {instance?.Status}, status {state?.Status}, retries {state?.RetriesUsed}, "
                    + $"wake {instance?.WakeAt:O}, error {instance?.Error}");
            await Task.Delay(100);
        }
    }

    internal async Task<IReadOnlyList<ReceivedEmail>> EmailsAsync(string to, int expected, string what)
    {
        await Eventually.TrueAsync(async () => (await Mail.EmailsToAsync(to)).Count >= expected, what);
        // Anything more would have been sent by now: the outbox is drained as fast as the step that fills it.
        await Task.Delay(1500);
        return await Mail.EmailsToAsync(to);
    }

    public async Task<IReadOnlyList<JsonElement>> ChargesAsync(string stripeCustomer)
    {
        var json = await Live.Http.GetFromJsonAsync<JsonElement>(new Uri(Live.Emulator.BaseUrl,
            $"_emulator/charges?customer={Uri.EscapeDataString(stripeCustomer)}"));
        return [.. json.GetProperty("data").EnumerateArray()];
    }
}
