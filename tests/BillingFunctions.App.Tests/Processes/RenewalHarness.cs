using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Catalog;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Stripe;
using Plan = BillingFunctions.Domain.Catalog.Plan;
using Subscription = BillingFunctions.Domain.Subscriptions.Subscription;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>Where one test's renewals live: its billing tables, and the task hub its host.json names.</summary>
internal sealed record RenewalStorage(string Table, string HostJson);

/// <summary>
/// One app instance, on the local host, running renewals on a task hub in Azurite against the in-process Stripe emulator:
/// a billing table with the tenant, its customers and subscriptions, and the renewal orchestrations. Two harnesses on
/// one <see cref="RenewalStorage"/> are two instances of the app on the same storage and task hub.
/// </summary>
internal sealed class RenewalHarness : IAsyncDisposable
{
    public const string Tenant = "tenant-a";

    private readonly TestApp _app;
    private readonly TimeProvider _clock;

    private RenewalHarness(TestApp app, StripeAccount stripe, TimeProvider clock)
    {
        _app = app;
        Stripe = stripe;
        _clock = clock;
    }

    public StripeAccount Stripe { get; }
    public IServiceProvider Services => _app.Services;
    public BillingTables Tables => Services.GetRequiredService<BillingTables>();
    public SubscriptionStore Subscriptions => Services.GetRequiredService<SubscriptionStore>();
    public PeriodClaims Claims => Services.GetRequiredService<PeriodClaims>();
    public DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Runs a timer function of the app once, now.</summary>
    public Task InvokeAsync(string function) => _app.InvokeAsync(function);

    /// <summary>A client for the app's HTTP functions (the admin ones included: locally no key is checked).</summary>
    public HttpClient Http() => _app.CreateClient();

    public static string ConnectionString => Azurite.ConnectionString;

    /// <summary>Fresh tables and a task hub, so tests never see each other's subscriptions or instances.</summary>
    public static Task<RenewalStorage> NewStorageAsync() =>
        Task.FromResult(new RenewalStorage("t" + Guid.NewGuid().ToString("N"),
            TestApp.WriteHostJson(Directory.CreateTempSubdirectory("renewals").FullName)));

    /// <summary>One app instance over the storage; the tenant is registered (once) on the emulator's key.</summary>
    /// <param name="stripeHandler">Under every Stripe call the app makes (a test counts or crashes them).</param>
    /// <param name="crashClaimsAfter">When set, the claim or release with this number (counted together) crashes after it was stored.</param>
    /// <param name="workerId">The host's name to the task hub; the same again restarts "the same machine".</param>
    public static async Task<RenewalHarness> CreateAsync(Uri stripeBase, RenewalStorage storage, TimeProvider clock,
        HttpMessageHandler? stripeHandler = null, int? crashClaimsAfter = null, string? workerId = null)
    {
        var client = StripeConnection.Create(new StripeConnectionOptions
        {
            ApiBase = stripeBase, RequestsPerSecondPerAccount = null, MaxNetworkRetries = 5,
        }, stripeHandler);
        var stripe = new StripeAccount(client, "sk_test_processes");
        var app = TestApp.Create(new Dictionary<string, string?>
        {
            [AppSettings.StorageConnectionSetting] = ConnectionString,
            [StorageAccounts.BillingTableSetting] = storage.Table + "billing",
            [StorageAccounts.ApiKeyTableSetting] = storage.Table + "keys",
            [TenantStripe.BaseUrlSetting] = stripeBase.ToString(),
            // Only when a test invokes the purge timer: every ended instance goes.
            [PurgeFinishedProcessesFunction.KeepFinishedDaysSetting] = "0",
        }, hostJson: storage.HostJson, services: services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<TenantStripe>(new OneStripe(client, stripe));
            if (crashClaimsAfter is { } n)
                services.AddSingleton<PeriodClaims>(sp => new CrashingClaims(n, sp.GetRequiredService<BillingTables>(),
                    sp.GetRequiredService<SubscriptionStore>(), sp.GetRequiredService<TenantStripe>(), sp.GetRequiredService<TenantDirectory>()));
        }, workerId: workerId);
        var harness = new RenewalHarness(app, stripe, clock);
        await harness.Tables.CreateIfNotExistsAsync(CancellationToken.None);
        var tenants = harness.Services.GetRequiredService<TenantDirectory>();
        if (await tenants.GetAsync(new TenantId(Tenant), CancellationToken.None) is null)
        {
            try
            {
                await tenants.AddAsync(new App.Tenancy.Tenant(new TenantId(Tenant), "Tenant A", Currency.Eur, "Europe/Berlin",
                    "sk_test_processes", null, null, DateTimeOffset.UnixEpoch), CancellationToken.None);
            }
            catch (Azure.RequestFailedException e) when (e.Status == 409)
            {
                // The other instance on this storage registered it first.
            }
        }
        return harness;
    }

    /// <summary>Another app instance's claims on this storage, reading the subscription through <paramref name="subscriptions"/>.</summary>
    public PeriodClaims ClaimsReadingThrough(SubscriptionStore subscriptions) => new(Tables, subscriptions, new CatalogStore(Tables),
        new CustomerStore(Tables), new CustomerStripeSync(Services.GetRequiredService<TenantStripe>()),
        Services.GetRequiredService<TenantDirectory>());

    /// <summary>Every tenant's renewals on the one client the test counts and crashes.</summary>
    private sealed class OneStripe(StripeClient client, StripeAccount stripe) : TenantStripe(new ConfigurationBuilder().Build(), client)
    {
        public override StripeAccount For(App.Tenancy.Tenant tenant) => stripe;
    }

    /// <summary>What the task hub does over time, with the app's clock where the test put it: until every instance waits or is done.</summary>
    public Task RunUntilQuietAsync() => DurableProcesses.SettleAsync(Services, Tenant);

    /// <summary>The find-due-renewals timer, once.</summary>
    public Task<int> StartDueAsync() => Services.GetRequiredService<DueRenewals>().StartDueAsync(Durable, CancellationToken.None);

    /// <summary>Starts a renewal as the timer or the previous period does; false when it exists.</summary>
    public Task<bool> StartRenewalAsync(RenewalState renewal) => ProcessInstances.StartAsync(Durable, RenewalKind.Instance, Tenant,
        renewal.InstanceId, renewal, renewal.DueAt, _clock.GetUtcNow(), CancellationToken.None);

    public Task<SettledInstance> InstanceAsync(string instanceId) => DurableProcesses.InstanceAsync(Services, Tenant, instanceId);

    public static RenewalState StateOf(SettledInstance instance) => RenewalKind.Instance.Read<RenewalState>(instance.State);

    /// <summary>A Stripe customer with a default card, made on the emulator directly, past any handler the app's calls go through.</summary>
    public static Task<string> CustomerWithCardAsync(Uri stripeBase) => CustomerWithCardAsync(TestStripe.Account(stripeBase, "sk_test_processes"));

    public Task<string> CustomerWithCardAsync(string card = "pm_card_visa") => CustomerWithCardAsync(Stripe, card);

    private static async Task<string> CustomerWithCardAsync(StripeAccount stripe, string card = "pm_card_visa")
    {
        var run = Guid.NewGuid().ToString("N");
        var customer = await stripe.V1.Customers.CreateAsync(new CustomerCreateOptions { Name = "Grace Hopper", Email = $"{run}@example.com" },
            stripe.Write($"t:{run}:c"));
        var method = await stripe.V1.PaymentMethods.AttachAsync(card, new PaymentMethodAttachOptions { Customer = customer.Id },
            stripe.Write($"t:{run}:pm"));
        await stripe.V1.Customers.UpdateAsync(customer.Id, new CustomerUpdateOptions
        {
            InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = method.Id },
        }, stripe.Write($"t:{run}:default"));
        return customer.Id;
    }

    public static SubscriptionSnapshot MonthlySubscription(string id, DateTimeOffset start,
        CollectionMethod collection = CollectionMethod.ChargeAutomatically, long price = 1000)
    {
        var plan = Plan.Create(new PlanId("basic"), new ProductId("prod"), "Basic", new Money(price, Currency.Eur), BillingInterval.Monthly).Value;
        return Subscription.Create(new NewSubscription
        {
            Id = new SubscriptionId(id), Tenant = new TenantId(Tenant), Customer = new CustomerId("crm-" + id), Plan = plan,
            Quantity = 2, Start = start, Collection = collection,
        }).Value.ToSnapshot();
    }

    /// <summary>Stores the subscription (and its CRM customer, linked to <paramref name="stripeCustomer"/>) if new, and starts its renewal.</summary>
    public async Task<RenewalState> StartAsync(SubscriptionSnapshot subscription, string stripeCustomer)
    {
        await StoreAsync(subscription, stripeCustomer);
        var renewal = RenewalState.Start(subscription);
        await StartRenewalAsync(renewal);
        return renewal;
    }

    /// <summary>Stores the subscription and its CRM customer unless they are there already.</summary>
    public Task StoreAsync(SubscriptionSnapshot subscription, string stripeCustomer) =>
        StoreAsync(Tables, Subscriptions, subscription, stripeCustomer);

    /// <summary>
    /// For tests on the whole app: registers the subscription's tenant (on the harness's Stripe key) in the app's
    /// storage, and stores the subscription and its customer there.
    /// </summary>
    public static async Task StoreInAppAsync(IServiceProvider app, SubscriptionSnapshot subscription, string stripeCustomer)
    {
        var tables = app.GetRequiredService<BillingTables>();
        await tables.CreateIfNotExistsAsync(CancellationToken.None);
        var tenants = app.GetRequiredService<TenantDirectory>();
        if (await tenants.GetAsync(subscription.Tenant, CancellationToken.None) is null)
            await tenants.AddAsync(new App.Tenancy.Tenant(subscription.Tenant, "Renewal tests", Currency.Eur, "Europe/Berlin", "sk_test_processes",
                null, null, DateTimeOffset.UnixEpoch), CancellationToken.None);
        await StoreAsync(tables, app.GetRequiredService<SubscriptionStore>(), subscription, stripeCustomer);
    }

    private static async Task StoreAsync(BillingTables tables, SubscriptionStore subscriptions,
        SubscriptionSnapshot subscription, string stripeCustomer)
    {
        var tenant = subscription.Tenant;
        var customer = new CustomerSnapshot
        {
            Id = subscription.Customer, Name = "Grace Hopper", Owner = new UserId("rep"), Currency = subscription.Plan.Currency,
            StripeCustomerId = stripeCustomer, CreatedAt = DateTimeOffset.UnixEpoch,
        };
        await new CustomerStore(tables).TryWriteAsync(tenant, null, default, customer, null, CancellationToken.None);
        await subscriptions.TrySaveAsync(tenant, null, subscription, null, [], [], CancellationToken.None);
    }

    public async Task<IReadOnlyList<Stripe.Invoice>> InvoicesAsync(string customer) =>
        (await Stripe.V1.Invoices.ListAsync(new InvoiceListOptions { Customer = customer, Limit = 100 }, Stripe.Read())).Data;

    public ValueTask DisposeAsync()
    {
        _app.Dispose();
        return ValueTask.CompletedTask;
    }
}
