using System.Net.Http.Json;
using BillingFunctions.App.Catalog;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Dashboards;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Renewals;

namespace BillingFunctions.App.Tests.Subscriptions;

/// <summary>
/// A year of renewals watched in seconds, as a developer would: the app, Azurite and the emulator on real ports, the
/// app's own timers and queue triggers, everything through the HTTP API and the time-travel clock. Every renewal
/// must arrive in the CRM as an ordinary invoice. In the webhook tests' collection: the apps share the queues.
/// </summary>
[Collection(StripeEventsQueueCollection.Name)]
public sealed class RenewalYearLiveTests : IAsyncLifetime
{
    private const long Basic = 1000;
    private const long Pro = 3000;
    private readonly string _secret = StripeSignature.NewSecret();
    private LiveStack _stack = null!;
    private LiveTenant _world = null!;

    public async Task InitializeAsync()
    {
        _stack = await LiveStack.StartAsync([.. LiveTenant.Settings(Azurite.UniqueName("year")),
            "--LocalTriggers:Functions:0=find-due-renewals", "--LocalTriggers:Functions:1=apply-stripe-event"]);
        _world = await LiveTenant.ProvisionAsync(_stack, _secret);
        await _stack.ForwardWebhooksAsync(_world.Tenant.TenantId, _secret);
    }

    public async Task DisposeAsync()
    {
        _world.Dispose();
        await _stack.DisposeAsync();
    }

    [Fact]
    public async Task A_year_of_monthly_renewals_shows_in_the_crm_one_paid_invoice_per_period_with_the_plan_change_prorated()
    {
        var product = await LiveTenant.ReadAsync<ProductResponse>(await _world.Finance.PostAsJsonAsync("/api/v1/catalog/products",
            new CreateProductRequest("Billing Suite"), ApiHost.JsonOptions));
        var basic = await PlanAsync(product.Id, "Basic", Basic);
        var pro = await PlanAsync(product.Id, "Pro", Pro);
        var customer = await LiveTenant.ReadAsync<CustomerResponse>(await _world.Rep.PostAsJsonAsync("/api/v1/customers",
            new CreateCustomerRequest("Globex GmbH", "billing@globex.example", null, null, null), ApiHost.JsonOptions));
        await LiveTenant.ReadAsync<CustomerResponse>(await _world.Rep.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/default-payment-method",
            new SetPaymentMethodRequest("pm_card_visa"), ApiHost.JsonOptions));
        var subscription = await LiveTenant.ReadAsync<SubscriptionResponse>(await _world.Rep.PostAsJsonAsync("/api/v1/subscriptions",
            new CreateSubscriptionRequest(customer.Id, basic.Id, null, null, 1, null, null, null, null), ApiHost.JsonOptions));

        var periodStarts = new List<DateTimeOffset> { subscription.CurrentPeriod.Start };
        var expectedTotals = new List<long> { Basic };
        IReadOnlyList<BillingLineResponse> prorations = [];
        await WaitForInvoicesAsync(customer.Id, 1);
        for (var month = 1; month <= 12; month++)
        {
            if (month == 7)
            {
                // Mid-period: half a month into the sixth renewed period, up to Pro; the prorations wait for the next invoice.
                await _world.TravelAsync(TimeSpan.FromDays(14));
                var changed = await LiveTenant.ReadAsync<SubscriptionResponse>(
                    await _world.Rep.PostAsJsonAsync($"/api/v1/subscriptions/{subscription.Id}/change",
                    new ChangeSubscriptionRequest(pro.Id, null, "now"), ApiHost.JsonOptions));
                prorations = changed.PendingLines;
            }
            var current = await LiveTenant.ReadAsync<SubscriptionResponse>(await _world.Rep.GetAsync($"/api/v1/subscriptions/{subscription.Id}"));
            var next = current.NextRenewalAt!.Value;
            periodStarts.Add(next);
            expectedTotals.Add(month < 7 ? Basic : month == 7 ? Pro + prorations.Sum(l => l.Amount) : Pro);
            await _world.TravelToAsync(next.AddHours(1));
            await WaitForInvoicesAsync(customer.Id, month + 1);
        }

        // One paid CRM invoice per period, in order, each the renewal's own (its id names subscription and period).
        var invoices = await CrmInvoicesAsync(customer.Id);
        Assert.Equal(13, invoices.Count);
        var byPeriod = periodStarts.Select(start => invoices.Single(i => i.Id == RenewalState.InvoiceIdFor(new(subscription.Id), start))).ToList();
        Assert.All(byPeriod, i => Assert.Equal(("paid", "subscription", "rep-a1"), (i.Status, i.Labels.Single(), i.OwnerId)));
        Assert.Equal(expectedTotals, byPeriod.Select(i => i.Total));
        Assert.Equal(byPeriod.Select(i => i.FinalizedAt).Order(), byPeriod.Select(i => i.FinalizedAt));
        Assert.All(byPeriod, i => Assert.StartsWith("in_", i.StripeInvoiceId));

        // The plan change's credit and charge are their own lines on the next invoice, as the change announced them.
        var afterChange = byPeriod[7];
        Assert.Equal(3, afterChange.Lines.Count);
        Assert.Equal(prorations.Select(l => l.Amount).Append(Pro).Order(), afterChange.Lines.Select(l => l.Amount).Order());
        Assert.Single(afterChange.Lines, l => l.Amount < 0 && l.Description.StartsWith("Unused time on", StringComparison.Ordinal));

        // Finance's dashboard collected exactly what the renewals billed, over the quarters the year spans.
        var collected = 0L;
        foreach (var quarter in byPeriod.Select(i => QuarterOf(i.PaidAt!.Value)).Distinct())
        {
            var dashboard = await LiveTenant.ReadAsync<TenantDashboard>(
                await _world.Finance.GetAsync($"/api/v1/dashboards/tenant?quarter={quarter}"));
            collected += dashboard.Totals.Where(t => t.Currency == "eur").Sum(t => t.Collected);
        }
        Assert.Equal(expectedTotals.Sum(), collected);

        var timeline = await LiveTenant.ReadAsync<List<SubscriptionTimelineEntry>>(
            await _world.Rep.GetAsync($"/api/v1/subscriptions/{subscription.Id}/timeline"));
        Assert.Equal(13, timeline.Count(e => e.Kind == "renewed"));
    }

    private async Task<PlanResponse> PlanAsync(string productId, string name, long amount) =>
        await LiveTenant.ReadAsync<PlanResponse>(await _world.Finance.PostAsJsonAsync("/api/v1/catalog/plans",
            new CreatePlanRequest(productId, name, amount, null, "month", null), ApiHost.JsonOptions));

    /// <summary>
    /// Until the rep's invoice list shows <paramref name="count"/> paid invoices. A timer run that was busy when the
    /// clock jumped waits for its next occurrence, so the clock is nudged past it now and then, as a developer would.
    /// </summary>
    private async Task WaitForInvoicesAsync(string customerId, int count)
    {
        // Generous: the whole suite runs alongside, each test host with its own task hub polling Azurite.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        var nudge = DateTime.UtcNow.AddSeconds(3);
        while (true)
        {
            var list = await LiveTenant.ReadAsync<Page<InvoiceListItem>>(
                await _world.Rep.GetAsync($"/api/v1/invoices?customerId={customerId}&pageSize=100"));
            if (list.Items.Count >= count && list.Items.All(i => i.View == "paid")) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {count} paid invoices; the list has {list.Items.Count}.");
            if (DateTime.UtcNow > nudge)
            {
                await _world.TravelAsync(TimeSpan.FromMinutes(6));
                nudge = DateTime.UtcNow.AddSeconds(3);
            }
            await Task.Delay(100);
        }
    }

    private async Task<List<InvoiceResponse>> CrmInvoicesAsync(string customerId)
    {
        var list = await LiveTenant.ReadAsync<Page<InvoiceListItem>>(
            await _world.Rep.GetAsync($"/api/v1/invoices?customerId={customerId}&pageSize=100"));
        var invoices = new List<InvoiceResponse>();
        foreach (var item in list.Items)
            invoices.Add(await LiveTenant.ReadAsync<InvoiceResponse>(await _world.Rep.GetAsync($"/api/v1/invoices/{item.Id}")));
        return invoices;
    }

    private static string QuarterOf(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        return $"{local.Year}-Q{(local.Month - 1) / 3 + 1}";
    }
}
