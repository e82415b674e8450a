using System.Net;
using System.Net.Http.Json;
using BillingFunctions.App.Audit;
using BillingFunctions.App.Catalog;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tests.Api;

namespace BillingFunctions.App.Tests.Subscriptions;

/// <summary>Subscriptions through the HTTP API, renewed by the app's renewal process against the emulator.</summary>
public sealed class SubscriptionApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly DateTimeOffset Nov20 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Invalid_subscriptions_are_refused_and_nothing_is_written()
    {
        host.Clock.AdjustTime(Nov20.AddHours(10));
        using var world = await SubscriptionWorld.CreateAsync(host);
        var usd = await TenantWorld.ReadAsync<PlanResponse>(await world.World.Finance.PostAsJsonAsync("/api/v1/catalog/plans",
            new CreatePlanRequest(world.Basic.ProductId, "Basic USD", 1000, "usd", "month", null), ApiHost.JsonOptions));
        var c = world.Customer.Id;
        CreateSubscriptionRequest[] invalid =
        [
            new(c, world.Basic.Id, null, null, 0, null, null, null, null),
            new(c, "pln_missing", null, null, 1, null, null, null, null),
            new(c, usd.Id, null, null, 1, null, null, null, null),
            new(c, world.Basic.Id, null, 32, 1, null, null, null, null),
            new(c, world.Basic.Id, Nov20, null, 1, null, Nov20.AddDays(-1), null, null),
            new(c, world.Basic.Id, null, null, 1, null, null, "by_carrier_pigeon", null),
            new(c, world.Basic.Id, null, null, 1, null, null, "charge_automatically", 14),
            new(c, world.Basic.Id, Nov20.AddMonths(-3), null, 1, null, null, null, null),
            new(c, world.Basic.Id, null, null, 1, [new AddOnItemRequest("add_missing", 1)], null, null, null),
        ];

        foreach (var request in invalid)
        {
            var response = await world.World.RepA1.PostAsJsonAsync("/api/v1/subscriptions", request, ApiHost.JsonOptions);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(await TenantWorld.ReadAsync<List<SubscriptionResponse>>(
            await world.World.RepA1.GetAsync($"/api/v1/subscriptions?customerId={c}")));
        var audit = await TenantWorld.ReadAsync<Page<AuditEntryResponse>>(await world.World.RepA1.GetAsync($"/api/v1/customers/{c}/audit"));
        Assert.DoesNotContain(audit.Items, e => e.Action.StartsWith("subscription.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mid_period_upgrade_shows_its_proration_and_the_next_invoice_carries_it()
    {
        host.Clock.AdjustTime(Nov20.AddHours(10));
        using var world = await SubscriptionWorld.CreateAsync(host);
        var subscription = await world.SubscribeAsync(world.World.RepA1, world.Basic.Id, quantity: 2);
        await world.RenewAsync();

        // Half-way through the 30 days from 20 November to 20 December: credit half of 2 × 1000, charge half of 2 × 3000.
        host.Clock.AdjustTime(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));
        var upgraded = await TenantWorld.ReadAsync<SubscriptionResponse>(await world.World.RepA1.PostAsJsonAsync(
            $"/api/v1/subscriptions/{subscription.Id}/change", new ChangeSubscriptionRequest(world.Pro.Id, null, "now"), ApiHost.JsonOptions));

        Assert.Equal(world.Pro.Id, upgraded.PlanId);
        Assert.Equal([-1000L, 3000L], upgraded.PendingLines.Select(l => l.Amount));
        Assert.Equal(2000, upgraded.PendingTotal);
        Assert.Equal(new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero), upgraded.NextRenewalAt);

        host.Clock.AdjustTime(new DateTimeOffset(2026, 12, 20, 1, 0, 0, TimeSpan.Zero));
        await world.RenewAsync();

        Assert.Equal([(Nov20, 2000L, "paid"), (Nov20.AddMonths(1), 8000L, "paid")], await world.InvoicesAsync());
        var renewed = await TenantWorld.ReadAsync<SubscriptionResponse>(await world.World.RepA1.GetAsync($"/api/v1/subscriptions/{subscription.Id}"));
        Assert.Empty(renewed.PendingLines);
        Assert.Equal(new PeriodResponse(Nov20.AddMonths(1), Nov20.AddMonths(2)), renewed.CurrentPeriod);
        var timeline = await TenantWorld.ReadAsync<List<SubscriptionTimelineEntry>>(
            await world.World.RepA1.GetAsync($"/api/v1/subscriptions/{subscription.Id}/timeline"));
        Assert.Equal(["created", "renewed", "changed", "renewed"], timeline.Select(e => e.Kind));
    }

    [Fact]
    public async Task A_change_at_period_end_made_through_the_api_is_on_the_next_renewal_invoice()
    {
        host.Clock.AdjustTime(Nov20.AddHours(10));
        using var world = await SubscriptionWorld.CreateAsync(host);
        var subscription = await world.SubscribeAsync(world.World.RepA1, world.Basic.Id, quantity: 2);
        await world.RenewAsync();

        host.Clock.AdjustTime(new DateTimeOffset(2026, 12, 19, 23, 0, 0, TimeSpan.Zero));
        var scheduled = await TenantWorld.ReadAsync<SubscriptionResponse>(await world.World.ManagerA.PostAsJsonAsync(
            $"/api/v1/subscriptions/{subscription.Id}/change", new ChangeSubscriptionRequest(null, 5, "period_end"), ApiHost.JsonOptions));
        Assert.Equal(new ScheduledChangeResponse(world.Basic.Id, "Basic", 5), scheduled.ScheduledChange);
        Assert.Empty(scheduled.PendingLines);

        host.Clock.AdjustTime(new DateTimeOffset(2026, 12, 20, 2, 0, 0, TimeSpan.Zero));
        await world.RenewAsync();

        Assert.Equal([(Nov20, 2000L, "paid"), (Nov20.AddMonths(1), 5000L, "paid")], await world.InvoicesAsync());
    }

    [Fact]
    public async Task Canceled_at_period_end_bills_no_more_periods()
    {
        host.Clock.AdjustTime(Nov20.AddHours(10));
        using var world = await SubscriptionWorld.CreateAsync(host);
        var subscription = await world.SubscribeAsync(world.World.RepA1, world.Basic.Id);
        await world.RenewAsync();

        var canceling = await TenantWorld.ReadAsync<SubscriptionResponse>(await world.World.RepA1.PostAsJsonAsync(
            $"/api/v1/subscriptions/{subscription.Id}/cancel", new CancelSubscriptionRequest("period_end"), ApiHost.JsonOptions));
        Assert.True(canceling.CancelAtPeriodEnd);
        host.Clock.AdjustTime(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await world.RenewAsync();

        Assert.Equal([(Nov20, 2000L, "paid")], await world.InvoicesAsync());
        var canceled = await TenantWorld.ReadAsync<SubscriptionResponse>(
            await world.World.RepA1.GetAsync($"/api/v1/subscriptions/{subscription.Id}"));
        Assert.Equal(("canceled", (DateTimeOffset?)null), (canceled.Status, canceled.NextRenewalAt));
        Assert.Equal(0, await world.Due.StartDueAsync(world.Durable, world.World.Tenant.TenantId, CancellationToken.None));
    }

    [Fact]
    public async Task Paused_subscription_is_not_billed_by_the_timer_until_resumed()
    {
        host.Clock.AdjustTime(Nov20.AddHours(10));
        using var world = await SubscriptionWorld.CreateAsync(host);
        var subscription = await world.SubscribeAsync(world.World.RepA1, world.Basic.Id);
        await world.RenewAsync();

        var paused = await TenantWorld.ReadAsync<SubscriptionResponse>(
            await world.World.RepA1.PostAsync($"/api/v1/subscriptions/{subscription.Id}/pause", null));
        Assert.Equal("paused", paused.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await world.World.RepA1.PostAsync($"/api/v1/subscriptions/{subscription.Id}/pause", null)).StatusCode);
        host.Clock.AdjustTime(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero));
        await world.RenewAsync();
        Assert.Single(await world.InvoicesAsync());

        await TenantWorld.ReadAsync<SubscriptionResponse>(await world.World.RepA1.PostAsync($"/api/v1/subscriptions/{subscription.Id}/resume", null));
        host.Clock.AdjustTime(new DateTimeOffset(2027, 2, 20, 1, 0, 0, TimeSpan.Zero));
        await world.RenewAsync();

        Assert.Equal([(Nov20, 2000L, "paid"), (Nov20.AddMonths(3), 2000L, "paid")], await world.InvoicesAsync());
    }

    [Fact]
    public async Task A_price_change_reaches_subscriptions_from_the_date_the_tenant_chose()
    {
        host.Clock.AdjustTime(Nov20.AddHours(10));
        using var world = await SubscriptionWorld.CreateAsync(host);
        await world.SubscribeAsync(world.World.RepA1, world.Basic.Id, quantity: 2);
        await world.RenewAsync();
        var repChange = await world.World.RepA1.PostAsJsonAsync($"/api/v1/catalog/plans/{world.Basic.Id}/prices",
            new ChangePlanPriceRequest(1200, null), ApiHost.JsonOptions);
        Assert.Equal(HttpStatusCode.Forbidden, repChange.StatusCode);

        var changed = await TenantWorld.ReadAsync<PlanResponse>(
            await world.World.Finance.PostAsJsonAsync($"/api/v1/catalog/plans/{world.Basic.Id}/prices",
            new ChangePlanPriceRequest(1200, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)), ApiHost.JsonOptions));
        Assert.Equal([1000L, 1200L], changed.Prices.Select(p => p.UnitAmount));
        host.Clock.AdjustTime(new DateTimeOffset(2027, 1, 20, 1, 0, 0, TimeSpan.Zero));
        await world.RenewAsync();

        Assert.Equal([(Nov20, 2000L, "paid"), (Nov20.AddMonths(1), 2000L, "paid"), (Nov20.AddMonths(2), 2400L, "paid")], await world.InvoicesAsync());
    }

    [Fact]
    public async Task Reps_see_and_change_only_subscriptions_of_customers_they_can_see()
    {
        host.Clock.AdjustTime(Nov20.AddHours(10));
        using var world = await SubscriptionWorld.CreateAsync(host);
        var subscription = await world.SubscribeAsync(world.World.RepA1, world.Basic.Id);

        Assert.Equal(HttpStatusCode.NotFound, (await world.World.RepB.GetAsync($"/api/v1/subscriptions/{subscription.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.World.RepB.PostAsync($"/api/v1/subscriptions/{subscription.Id}/pause", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.World.RepB.PostAsJsonAsync("/api/v1/subscriptions",
            new CreateSubscriptionRequest(world.Customer.Id, world.Basic.Id, null, null, 1, null, null, null, null),
            ApiHost.JsonOptions)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.World.ManagerA.GetAsync($"/api/v1/subscriptions/{subscription.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.World.Finance.GetAsync($"/api/v1/subscriptions/{subscription.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.World.RepA1.PostAsJsonAsync("/api/v1/catalog/products",
            new CreateProductRequest("Side hustle"), ApiHost.JsonOptions)).StatusCode);
        Assert.Equal(2, (await TenantWorld.ReadAsync<List<PlanResponse>>(await world.World.RepB.GetAsync("/api/v1/catalog/plans"))).Count);
    }

    [Fact]
    public async Task The_same_idempotency_key_creates_one_subscription()
    {
        host.Clock.AdjustTime(Nov20.AddHours(10));
        using var world = await SubscriptionWorld.CreateAsync(host);
        var request = new CreateSubscriptionRequest(world.Customer.Id, world.Basic.Id, null, null, 1, null, null, null, null);

        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/subscriptions") { Content = JsonContent.Create(request,
                options: ApiHost.JsonOptions) };
            message.Headers.Add("Idempotency-Key", "subscribe-once");
            ids.Add((await TenantWorld.ReadAsync<SubscriptionResponse>(await world.World.RepA1.SendAsync(message))).Id);
        }

        Assert.Equal(ids[0], ids[1]);
        Assert.Single(await TenantWorld.ReadAsync<List<SubscriptionResponse>>(
            await world.World.RepA1.GetAsync($"/api/v1/subscriptions?customerId={world.Customer.Id}")));
    }
}
