using BillingFunctions.Adapters.Storage;
using BillingFunctions.Adapters.Stripe;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Renewals;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>A renewal runtime on real Azurite storage and the in-process Stripe emulator.</summary>
internal sealed class RenewalHarness
{
    public const string Tenant = "tenant-a";

    private RenewalHarness(StripeClient stripe, ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect> runtime,
        WakeupPump<RenewalState, RenewalEvent, RenewalEffect> pump)
    {
        Stripe = stripe;
        Runtime = runtime;
        Pump = pump;
    }

    public StripeClient Stripe { get; }
    public ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect> Runtime { get; }
    public WakeupPump<RenewalState, RenewalEvent, RenewalEffect> Pump { get; }

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "AZURITE_CONNECTION_STRING is not set. Run these tests through scripts/test.sh or " +
                "scripts/dev-azurite.sh dotnet test tests/BillingFunctions.App.Tests");

    /// <summary>A fresh table and queue, so tests never see each other's instances.</summary>
    public static async Task<(string Table, string Queue)> NewStorageAsync()
    {
        var names = ("t" + Guid.NewGuid().ToString("N"), "q-" + Guid.NewGuid().ToString("N"));
        await new TableClient(ConnectionString, names.Item1).CreateIfNotExistsAsync();
        await new QueueClient(ConnectionString, names.Item2).CreateIfNotExistsAsync();
        return names;
    }

    /// <summary>One app instance: its own clients over the shared storage and emulator.</summary>
    public static RenewalHarness Create(Uri stripeBase, (string Table, string Queue) storage, TimeProvider clock,
        HttpMessageHandler? stripeHandler = null, QueueClient? queue = null)
    {
        var stripe = new StripeClient(new HttpClient(stripeHandler ?? new SocketsHttpHandler()), new StripeClientOptions
        {
            ApiKey = "sk_test_processes", BaseUrl = stripeBase, RateLimitPerSecond = null, MaxRetries = 5,
            InitialRetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        });
        queue ??= new QueueClient(ConnectionString, storage.Queue);
        var runtime = new ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect>(
            new ProcessStore(new TableClient(ConnectionString, storage.Table)), queue, new RenewalProcess(stripe), clock, NullLogger.Instance);
        return new RenewalHarness(stripe, runtime, new(queue, runtime, NullLogger.Instance));
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
        var customer = await Stripe.Customers.CreateAsync(new CustomerCreateRequest { Name = "Grace Hopper", Email = $"{run}@example.com" }, $"t:{run}:c");
        var method = await Stripe.PaymentMethods.AttachAsync(card, new PaymentMethodAttachRequest { Customer = customer.Id }, $"t:{run}:pm");
        await Stripe.Customers.UpdateAsync(customer.Id, new CustomerUpdateRequest
        {
            InvoiceSettings = new CustomerInvoiceSettingsRequest { DefaultPaymentMethod = method.Id },
        }, $"t:{run}:default");
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

    public async Task<RenewalState> StartAsync(SubscriptionSnapshot subscription, string stripeCustomer)
    {
        var renewal = RenewalState.Start(subscription, stripeCustomer);
        await Runtime.StartAsync(Tenant, renewal.InstanceId, renewal, renewal.DueAt);
        return renewal;
    }

    public async Task<IReadOnlyList<StripeInvoice>> InvoicesAsync(string customer) =>
        (await Stripe.Invoices.ListAsync(new InvoiceListRequest { Customer = customer, Limit = 100 })).Data;
}
