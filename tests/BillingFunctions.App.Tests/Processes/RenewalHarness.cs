using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using Plan = BillingFunctions.Domain.Catalog.Plan;
using Subscription = BillingFunctions.Domain.Subscriptions.Subscription;
using BillingFunctions.App.Http;
using BillingFunctions.App.Catalog;
using BillingFunctions.App.Customers;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tenancy;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Customers;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>
/// One app instance's renewals on real Azurite storage (a billing table holding the tenant, its customers and
/// subscriptions; a processes table; a wake-up queue) and the in-process Stripe emulator.
/// </summary>
internal sealed class RenewalHarness
{
    public const string Tenant = "tenant-a";

    private RenewalHarness(StripeAccount stripe, BillingTables tables, ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect> runtime,
        WakeupPump<RenewalState, RenewalEvent, RenewalEffect> pump, SubscriptionStore subscriptions, DueRenewals due, PeriodClaims claims,
        TenantStripe tenantStripe)
    {
        _tenantStripe = tenantStripe;
        Claims = claims;
        Stripe = stripe;
        Tables = tables;
        Runtime = runtime;
        Pump = pump;
        Subscriptions = subscriptions;
        Due = due;
    }

    private readonly TenantStripe _tenantStripe;

    public StripeAccount Stripe { get; }
    public BillingTables Tables { get; }
    public ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect> Runtime { get; }
    public WakeupPump<RenewalState, RenewalEvent, RenewalEffect> Pump { get; }
    public SubscriptionStore Subscriptions { get; }
    public DueRenewals Due { get; }
    public PeriodClaims Claims { get; }

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "AZURITE_CONNECTION_STRING is not set. Run these tests through scripts/test.sh or " +
                "scripts/dev-azurite.sh dotnet test tests/BillingFunctions.App.Tests");

    /// <summary>Fresh tables and a queue, so tests never see each other's instances; the tenant is registered.</summary>
    public static async Task<(string Table, string Queue)> NewStorageAsync()
    {
        var names = ("t" + Guid.NewGuid().ToString("N"), "q-" + Guid.NewGuid().ToString("N"));
        await new TableClient(ConnectionString, names.Item1).CreateIfNotExistsAsync();
        await new QueueClient(ConnectionString, names.Item2, StorageExtensions.QueueOptions()).CreateIfNotExistsAsync();
        var tables = BillingTablesOf(names.Item1);
        await tables.CreateIfNotExistsAsync(CancellationToken.None);
        await new TenantDirectory(tables, TestSecrets.Store).AddAsync(new Tenant(new TenantId(Tenant), "Tenant A", Currency.Eur, "Europe/Berlin",
            "sk_test_processes", null, null, DateTimeOffset.UnixEpoch), CancellationToken.None);
        return names;
    }

    private static BillingTables BillingTablesOf(string processTable) =>
        BillingTables.Named(ConnectionString, processTable + "billing", processTable + "keys");

    /// <summary>One app instance: its own clients over the shared storage and emulator.</summary>
    /// <param name="crashClaimsAfter">When set, the claim or release with this number (counted together) crashes after it was stored.</param>
    public static RenewalHarness Create(Uri stripeBase, (string Table, string Queue) storage, TimeProvider clock,
        HttpMessageHandler? stripeHandler = null, QueueClient? queue = null, int? crashClaimsAfter = null)
    {
        var client = StripeConnection.Create(new StripeConnectionOptions
        {
            ApiBase = stripeBase, RequestsPerSecondPerAccount = null, MaxNetworkRetries = 5,
        }, stripeHandler);
        var stripe = new StripeAccount(client, "sk_test_processes");
        queue ??= new QueueClient(ConnectionString, storage.Queue, StorageExtensions.QueueOptions());
        var tables = BillingTablesOf(storage.Table);
        var tenantStripe = new OneStripe(client, stripe);
        var tenants = new TenantDirectory(tables, TestSecrets.Store);
        var subscriptions = new SubscriptionStore(tables, clock);
        var claims = crashClaimsAfter is { } n
            ? new CrashingClaims(n, tables, subscriptions, tenantStripe)
            : new PeriodClaims(tables, subscriptions, new CatalogStore(tables), new CustomerStore(tables),
                new CustomerStripeSync(tenantStripe), tenants);
        var runtime = new ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect>(
            new ProcessStore(new TableClient(ConnectionString, storage.Table)), queue, new RenewalProcess(claims, tenants, new RenewalInvoices(
                new SystemInvoices(new InvoiceStore(tables, clock, NullLogger<InvoiceStore>.Instance), tenantStripe, clock),
                new SubscriptionStore(tables, clock), new CustomerStore(tables))), clock,
            NullLogger.Instance);
        return new RenewalHarness(stripe, tables, runtime, new(queue, runtime, NullLogger.Instance), subscriptions,
            new DueRenewals(tables, tenants, runtime, clock), claims, tenantStripe);
    }

    /// <summary>Another app instance's claims on this storage, reading the subscription through <paramref name="subscriptions"/>.</summary>
    public PeriodClaims ClaimsReadingThrough(SubscriptionStore subscriptions) => new(Tables, subscriptions, new CatalogStore(Tables),
        new CustomerStore(Tables), new CustomerStripeSync(_tenantStripe), new TenantDirectory(Tables, TestSecrets.Store));

    /// <summary>Every tenant's renewals on the one client the test counts and crashes.</summary>
    private sealed class OneStripe(StripeClient client, StripeAccount stripe) : TenantStripe(new ConfigurationBuilder().Build(), client)
    {
        public override StripeAccount For(Tenant tenant) => stripe;
    }

    /// <summary>Drains wake-ups and sweeps (no grace) until no instance is overdue: what the host's triggers do over time.</summary>
    public async Task RunUntilQuietAsync(int parallelism = 4)
    {
        for (var round = 0; round < 30; round++)
        {
            await Pump.DrainAsync(parallelism);
            if (await Runtime.SweepAsync(TimeSpan.Zero) == 0) return;
        }
        throw new InvalidOperationException("Instances stayed overdue after 30 rounds.");
    }

    public async Task<string> CustomerWithCardAsync(string card = "pm_card_visa")
    {
        var run = Guid.NewGuid().ToString("N");
        var customer = await Stripe.V1.Customers.CreateAsync(new CustomerCreateOptions { Name = "Grace Hopper", Email = $"{run}@example.com" },
            Stripe.Write($"t:{run}:c"));
        var method = await Stripe.V1.PaymentMethods.AttachAsync(card, new PaymentMethodAttachOptions { Customer = customer.Id },
            Stripe.Write($"t:{run}:pm"));
        await Stripe.V1.Customers.UpdateAsync(customer.Id, new CustomerUpdateOptions
        {
            InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = method.Id },
        }, Stripe.Write($"t:{run}:default"));
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
        await Runtime.StartAsync(Tenant, renewal.InstanceId, renewal, renewal.DueAt);
        return renewal;
    }

    /// <summary>Stores the subscription and its CRM customer unless they are there already.</summary>
    public Task StoreAsync(SubscriptionSnapshot subscription, string stripeCustomer) =>
        StoreAsync(Tables, new SubscriptionStore(Tables, TimeProvider.System), subscription, stripeCustomer);

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
            await tenants.AddAsync(new Tenant(subscription.Tenant, "Renewal tests", Currency.Eur, "Europe/Berlin", "sk_test_processes", null, null,
                DateTimeOffset.UnixEpoch), CancellationToken.None);
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
}
