using Azure.Data.Tables;
using BillingFunctions.App.Http;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Subscriptions;

public class SubscriptionStoreTests
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TenantId _tenant = new(Azurite.UniqueName("st"));

    private static async Task<SubscriptionStore> NewStoreAsync()
    {
        var name = Azurite.UniqueName("subs");
        var tables = BillingTables.Named(Azurite.ConnectionString, name, name + "keys");
        await tables.CreateIfNotExistsAsync(CancellationToken.None);
        return new SubscriptionStore(tables, TimeProvider.System);
    }

    private SubscriptionSnapshot NewSubscription(string id)
    {
        var plan = Plan.Create(new PlanId("pln_basic"), new ProductId("prd_1"), "Basic", new Money(1000, Currency.Eur),
            BillingInterval.Monthly).Value;
        return Subscription.Create(new NewSubscription
        {
            Id = new SubscriptionId(id), Tenant = _tenant, Customer = new CustomerId("cus_1"), Plan = plan, Quantity = 3, Start = Jan1.AddDays(9),
        }).Value.ToSnapshot();
    }

    [Fact]
    public async Task Saved_subscription_reads_back_with_plan_timeline_and_next_renewal()
    {
        var store = await NewStoreAsync();
        var created = NewSubscription("sub_read");
        Assert.True(await store.TrySaveAsync(_tenant, null, created, null, [], [], CancellationToken.None));

        var stored = await store.GetAsync(_tenant, created.Id, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(3, stored.Subscription.Quantity);
        Assert.Equal(1000, stored.Subscription.Plan.PriceFor(Jan1).Minor);
        Assert.Equal(Currency.Eur, stored.Subscription.Plan.Currency);
        Assert.Equal(BillingInterval.Monthly, stored.Subscription.Plan.Interval);
        Assert.Equal(created.Schedule, stored.Subscription.Schedule);
        Assert.Equal(created.CurrentPeriod, stored.Subscription.CurrentPeriod);
        Assert.Equal(Jan1.AddDays(9), Subscription.Restore(stored.Subscription).NextRenewalAt);
        Assert.Equal("created", Assert.Single(stored.Subscription.Timeline).Kind);
    }

    [Fact]
    public async Task Stale_etag_save_fails_and_changes_nothing()
    {
        var store = await NewStoreAsync();
        var created = NewSubscription("sub_stale");
        await store.TrySaveAsync(_tenant, null, created, null, [], [], CancellationToken.None);
        var first = (await store.GetAsync(_tenant, created.Id, CancellationToken.None))!;
        var second = (await store.GetAsync(_tenant, created.Id, CancellationToken.None))!;
        Assert.True(await store.TrySaveAsync(_tenant, first, first.Subscription with { Quantity = 5 }, null, [], [], CancellationToken.None));

        Assert.False(await store.TrySaveAsync(_tenant, second, second.Subscription with { Quantity = 9 }, null, [], [], CancellationToken.None));

        Assert.Equal(5, (await store.GetAsync(_tenant, created.Id, CancellationToken.None))!.Subscription.Quantity);
    }

    [Fact]
    public async Task Pause_changes_an_active_subscription_once_and_leaves_paused_or_canceled_ones_alone()
    {
        var store = await NewStoreAsync();
        var active = NewSubscription("sub_pause");
        var canceled = Subscription.Restore(NewSubscription("sub_gone"));
        canceled.CancelNow(Jan1.AddDays(10));
        await store.TrySaveAsync(_tenant, null, active, null, [], [], CancellationToken.None);
        await store.TrySaveAsync(_tenant, null, canceled.ToSnapshot(), null, [], [], CancellationToken.None);

        Assert.True(await store.PauseAsync(_tenant, active.Id, Jan1.AddDays(12), CancellationToken.None));
        Assert.False(await store.PauseAsync(_tenant, active.Id, Jan1.AddDays(13), CancellationToken.None));
        Assert.False(await store.PauseAsync(_tenant, canceled.Id, Jan1.AddDays(12), CancellationToken.None));
        Assert.False(await store.PauseAsync(_tenant, new SubscriptionId("sub_missing"), Jan1.AddDays(12), CancellationToken.None));

        var paused = (await store.GetAsync(_tenant, active.Id, CancellationToken.None))!.Subscription;
        Assert.Equal(SubscriptionStatus.Paused, paused.Status);
        Assert.Single(paused.Timeline, c => c.Kind == "paused");
        Assert.Equal(SubscriptionStatus.Canceled, (await store.GetAsync(_tenant, canceled.Id, CancellationToken.None))!.Subscription.Status);
    }
}
