using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.StripeApi;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tests.Processes;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.App.Webhooks;
using BillingFunctions.Domain.Dunning;
using Microsoft.DurableTask.Client;
using Stripe;

namespace BillingFunctions.App.Tests.Dunning;

/// <summary>Crashes in the app: after the n-th Stripe POST (a handler), the n-th outbox send, or in a subscription store.</summary>
internal sealed record DunningFaults(HttpMessageHandler? Stripe = null, int CrashAfterEmail = 0,
    Func<BillingTables, TimeProvider, SubscriptionStore>? Subscriptions = null);

/// <summary>
/// The app on the local host, its dunning orchestrations on a task hub of their own in Azurite, against the in-process
/// Stripe emulator, with an outbox queue of its own; Stripe events are applied as apply-stripe-event applies them.
/// </summary>
internal sealed class DunningHarness : IAsyncDisposable
{
    public const string Tenant = "tenant-d";

    private readonly TestApp _app;

    private DunningHarness(TestApp app, StripeAccount stripe, QueueClient outbox)
    {
        _app = app;
        Stripe = stripe;
        Outbox = outbox;
    }

    /// <summary>The emulator, past any handler the app's calls go through: the test's own setup calls.</summary>
    public StripeAccount Stripe { get; }
    public QueueClient Outbox { get; }
    public IServiceProvider Services => _app.Services;
    /// <summary>The app's billing table: the tenant's dunning settings, customer index and subscriptions.</summary>
    public BillingTables Tables => Services.GetRequiredService<BillingTables>();
    public SubscriptionStore Subscriptions => Services.GetRequiredService<SubscriptionStore>();
    public DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    /// <param name="faults">Where the app (not the test's own setup calls) is made to crash.</param>
    public static async Task<DunningHarness> CreateAsync(Uri stripeBase, TimeProvider clock, DunningFaults? faults = null)
    {
        var outboxName = "outbox-" + Guid.NewGuid().ToString("N");
        var outbox = new QueueClient(Azurite.ConnectionString, outboxName, StorageExtensions.QueueOptions());
        await outbox.CreateIfNotExistsAsync();
        var appOutbox = faults is { CrashAfterEmail: > 0 } ? new CrashingQueue(Azurite.ConnectionString, outboxName, faults.CrashAfterEmail) : outbox;
        var appStripe = faults?.Stripe is { } handler
            ? new StripeAccount(StripeConnection.Create(new StripeConnectionOptions
            {
                ApiBase = stripeBase, RequestsPerSecondPerAccount = null, MaxNetworkRetries = 5,
            }, handler), "sk_test_dunning")
            : TestStripe.Account(stripeBase, "sk_test_dunning");
        var table = "t" + Guid.NewGuid().ToString("N");
        var app = TestApp.Create(new Dictionary<string, string?>
        {
            [AppSettings.StorageConnectionSetting] = Azurite.ConnectionString,
            [StorageAccounts.BillingTableSetting] = table + "billing",
            [StorageAccounts.ApiKeyTableSetting] = table + "keys",
        }, services: services =>
        {
            services.AddSingleton(clock).AddSingleton(DunningStripe.Single(appStripe)).AddSingleton(new EmailOutbox(appOutbox));
            if (faults?.Subscriptions is { } subscriptions)
                services.AddSingleton(sp => subscriptions(sp.GetRequiredService<BillingTables>(), clock));
        });
        var harness = new DunningHarness(app, TestStripe.Account(stripeBase, "sk_test_dunning"), outbox);
        await harness.Tables.CreateIfNotExistsAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>What the task hub does over time, with the app's clock where the test put it: until every instance waits or is done.</summary>
    public Task RunUntilQuietAsync() => DurableProcesses.SettleAsync(Services, Tenant);

    /// <summary>The test's Stripe customers and failed invoices, on the emulator directly.</summary>
    public DunningInvoices Invoices => new(Stripe);

    public Task<string> CustomerWithCardAsync(string card, string tenant = Tenant) => Invoices.CustomerWithCardAsync(card, tenant);

    public Task SetDefaultCardAsync(string customer, string card) => Invoices.SetDefaultCardAsync(customer, card);

    public Task<string> FailedInvoiceAsync(string customer, string? payWith = null, string? subscription = null) =>
        Invoices.FailedInvoiceAsync(customer, payWith, subscription);

    public Task<Event> EventAsync(string type, string invoiceId) => Invoices.EventAsync(type, invoiceId);

    /// <summary>Applies the event for the harness's tenant, as apply-stripe-event does, with the app's durable client.</summary>
    public Task ApplyAsync(Event stripeEvent) =>
        Services.GetRequiredService<DunningStripeEvents>().ApplyAsync(Tenant, stripeEvent, Durable, CancellationToken.None);

    /// <summary>The invoice's dunning after everything due has happened.</summary>
    public async Task<DunningState> StateAsync(string invoiceId) => DunningKind.Instance.Read<DunningState>(
        (await DurableProcesses.InstanceAsync(Services, Tenant, DunningState.InstanceIdFor(invoiceId))).State);

    public async Task<IReadOnlyList<OutboxEmail>> OutboxEmailsAsync() =>
        [.. ((await Outbox.PeekMessagesAsync(32)).Value).Select(m => OutboxEmail.FromJson(m.MessageText))];

    public ValueTask DisposeAsync()
    {
        _app.Dispose();
        return ValueTask.CompletedTask;
    }
}
