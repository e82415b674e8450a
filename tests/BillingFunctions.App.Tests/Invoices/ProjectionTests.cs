using System.Net.Http.Json;
using BillingFunctions.App.Http;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Dashboards;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Invoices;

/// <summary>Stripe's invoice events folded into the projection: duplicates, reverse order, and racing API updates.</summary>
public sealed class ProjectionTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly TenantCalendar Berlin = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
    private StripeInvoiceEvents Events => host.Services.GetRequiredService<StripeInvoiceEvents>();

    private async Task<(TenantWorld World, InvoiceResponse Invoice)> DraftAsync(params string[] labels)
    {
        var world = await TenantWorld.CreateAsync(host);
        var customer = await world.CreateCustomerAsync(world.RepA1);
        return (world, await world.CreateInvoiceAsync(world.RepA1, customer.Id, 10_000, labels));
    }

    private async Task AssertSummariesMatchRecountAsync(TenantWorld world)
    {
        var (stored, recounted) = await Recount.SummariesAsync(host.Services.GetRequiredService<BillingTables>(), world.Tenant.TenantId, Berlin);
        Assert.NotEmpty(recounted);
        Assert.Equal(recounted.OrderBy(p => p.Key), stored.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task The_same_event_delivered_twice_is_applied_once()
    {
        var (world, invoice) = await DraftAsync("consulting");
        using var _ = world;
        var tenant = new TenantId(world.Tenant.TenantId);
        var at = host.Clock.GetUtcNow();
        var finalized = StripeEvents.Invoice("evt_1", "invoice.finalized", "in_1", invoice.Id, "open", 20_000, 0, at);
        var paid = StripeEvents.Invoice("evt_2", "invoice.paid", "in_1", invoice.Id, "paid", 20_000, 20_000, at.AddMinutes(5));

        Assert.Equal(EventApplication.Applied, await Events.ApplyAsync(tenant, finalized, default));
        Assert.Equal(EventApplication.Applied, await Events.ApplyAsync(tenant, paid, default));
        Assert.Equal(EventApplication.Duplicate, await Events.ApplyAsync(tenant, paid, default));
        Assert.Equal(EventApplication.Duplicate, await Events.ApplyAsync(tenant, finalized, default));

        var after = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.GetAsync($"/api/v1/invoices/{invoice.Id}"));
        Assert.Equal(("paid", 20_000L, 0L, "ACME-0001"), (after.Status, after.AmountPaid, after.AmountDue, after.Number));
        var dashboard = await TenantWorld.ReadAsync<RepDashboard>(await world.RepA1.GetAsync("/api/v1/dashboards/rep?quarter=2026-Q4"));
        var eur = Assert.Single(dashboard.Current);
        Assert.Equal((20_000L, 20_000L, 0L, 1, 1), (eur.Invoiced, eur.Collected, eur.Outstanding, eur.InvoicedCount, eur.PaidCount));
        var timeline = await TenantWorld.ReadAsync<List<TimelineEntry>>(await world.RepA1.GetAsync($"/api/v1/invoices/{invoice.Id}/timeline"));
        Assert.Single(timeline, e => e.Action == "stripe.paid");
        await AssertSummariesMatchRecountAsync(world);
    }

    [Fact]
    public async Task Events_in_reverse_order_end_in_the_later_state()
    {
        var (world, invoice) = await DraftAsync("consulting");
        using var _ = world;
        var tenant = new TenantId(world.Tenant.TenantId);
        var at = host.Clock.GetUtcNow();
        var events = new[]
        {
            StripeEvents.Invoice("evt_a", "invoice.finalized", "in_2", invoice.Id, "open", 20_000, 0, at),
            StripeEvents.Invoice("evt_b", "invoice.payment_failed", "in_2", invoice.Id, "open", 20_000, 0, at.AddMinutes(1), attemptCount: 1),
            StripeEvents.Invoice("evt_c", "invoice.paid", "in_2", invoice.Id, "paid", 20_000, 20_000, at.AddMinutes(2), attemptCount: 2),
        };
        foreach (var stripeEvent in events.Reverse()) await Events.ApplyAsync(tenant, stripeEvent, default);

        var after = await TenantWorld.ReadAsync<InvoiceResponse>(await world.Finance.GetAsync($"/api/v1/invoices/{invoice.Id}"));
        Assert.Equal(("paid", 20_000L), (after.Status, after.AmountPaid));
        var listed = await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await world.Finance.GetAsync("/api/v1/invoices?status=paid"));
        Assert.Equal([invoice.Id], listed.Items.Select(i => i.Id));
        Assert.Empty((await TenantWorld.ReadAsync<Page<InvoiceListItem>>(await world.Finance.GetAsync("/api/v1/invoices?status=open"))).Items);
        await AssertSummariesMatchRecountAsync(world);
    }

    [Fact]
    public async Task A_webhook_racing_api_updates_on_one_invoice_loses_neither()
    {
        var (world, invoice) = await DraftAsync();
        using var _ = world;
        var tenant = new TenantId(world.Tenant.TenantId);
        var at = host.Clock.GetUtcNow();
        await Events.ApplyAsync(tenant, StripeEvents.Invoice("evt_f", "invoice.finalized", "in_3", invoice.Id, "open", 20_000, 0, at), default);

        var labels = Enumerable.Range(1, 8).Select(i => $"race-{i}").ToArray();
        var apiUpdates = labels.Select(label => world.ManagerA.PostAsJsonAsync($"/api/v1/invoices/{invoice.Id}/labels",
            new LabelRequest(label), ApiHost.JsonOptions));
        var webhooks = new[]
        {
            Events.ApplyAsync(tenant, StripeEvents.Invoice("evt_p", "invoice.paid", "in_3", invoice.Id, "paid", 20_000, 20_000,
                at.AddMinutes(3)), default),
            Events.ApplyAsync(tenant, StripeEvents.Invoice("evt_p", "invoice.paid", "in_3", invoice.Id, "paid", 20_000, 20_000,
                at.AddMinutes(3)), default),
            Events.ApplyAsync(tenant, StripeEvents.Invoice("evt_u", "invoice.updated", "in_3", invoice.Id, "open", 20_000, 0,
                at.AddMinutes(1)), default),
        };
        var responses = await Task.WhenAll(apiUpdates);
        var applied = await Task.WhenAll(webhooks);

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        Assert.Single(applied.Take(2), a => a == EventApplication.Applied);
        var after = await TenantWorld.ReadAsync<InvoiceResponse>(await world.RepA1.GetAsync($"/api/v1/invoices/{invoice.Id}"));
        Assert.Equal("paid", after.Status);
        Assert.Equal(labels.Order(StringComparer.Ordinal), after.Labels);
        var byLabel = await TenantWorld.ReadAsync<List<LabelFigures>>(await world.Finance.GetAsync("/api/v1/dashboards/labels?quarter=2026-Q4"));
        Assert.Equal(labels.Order(StringComparer.Ordinal), byLabel.Select(l => l.Label).Order(StringComparer.Ordinal));
        Assert.All(byLabel, l => Assert.Equal(20_000L, Assert.Single(l.Figures).Collected));
        await AssertSummariesMatchRecountAsync(world);
    }

    [Fact]
    public async Task Events_for_invoices_we_did_not_create_are_left_alone()
    {
        var (world, _) = await DraftAsync();
        using var __ = world;
        var foreign = StripeEvents.Invoice("evt_x", "invoice.paid", "in_x", "inv_not_ours", "paid", 500, 500, host.Clock.GetUtcNow());
        Assert.Equal(EventApplication.NotOurs, await Events.ApplyAsync(new TenantId(world.Tenant.TenantId), foreign, default));
    }
}
