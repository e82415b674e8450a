using BillingFunctions.App.Tests.Testing;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.Adapters.Dunning;
using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.StripeApi;
using Stripe;
using BillingFunctions.App.Http;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Invoices;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tests.Processes;
using BillingFunctions.App.Webhooks;
using BillingFunctions.Domain.Dunning;
using Microsoft.Extensions.Logging.Abstractions;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Dunning;

/// <summary>Crashes for the runtime: after the n-th Stripe POST (a handler), the n-th outbox send, or in a subscription store.</summary>
internal sealed record DunningFaults(HttpMessageHandler? Stripe = null, int CrashAfterEmail = 0,
    Func<BillingTables, TimeProvider, SubscriptionStore>? Subscriptions = null);

/// <summary>A dunning runtime on real Azurite storage (own table, wake-up queue and outbox) and the in-process Stripe emulator.</summary>
internal sealed class DunningHarness
{
    public const string Tenant = "tenant-d";

    private DunningHarness(StripeAccount stripe, ProcessRuntime<DunningState, DunningEvent, DunningEffect> runtime,
        WakeupPump<DunningState, DunningEvent, DunningEffect> pump, DunningStripeEvents events, QueueClient outbox, BillingTables tables,
        SubscriptionStore subscriptions)
    {
        Stripe = stripe;
        Runtime = runtime;
        Pump = pump;
        Events = events;
        Outbox = outbox;
        Tables = tables;
        Subscriptions = subscriptions;
    }

    public StripeAccount Stripe { get; }
    public ProcessRuntime<DunningState, DunningEvent, DunningEffect> Runtime { get; }
    public WakeupPump<DunningState, DunningEvent, DunningEffect> Pump { get; }
    public DunningStripeEvents Events { get; }
    public QueueClient Outbox { get; }
    /// <summary>The harness's own billing table: the tenant's dunning settings, customer index and subscriptions.</summary>
    public BillingTables Tables { get; }
    public SubscriptionStore Subscriptions { get; }

    /// <param name="faults">Where the runtime (not the test's own setup calls) is made to crash.</param>
    public static async Task<DunningHarness> CreateAsync(Uri stripeBase, TimeProvider clock, DunningFaults? faults = null)
    {
        var storage = (Table: "t" + Guid.NewGuid().ToString("N"), Queue: "q-" + Guid.NewGuid().ToString("N"));
        await new TableClient(RenewalHarness.ConnectionString, storage.Table).CreateIfNotExistsAsync();
        await new QueueClient(RenewalHarness.ConnectionString, storage.Queue, StorageExtensions.QueueOptions()).CreateIfNotExistsAsync();
        var outboxName = "outbox-" + Guid.NewGuid().ToString("N");
        var outbox = new QueueClient(RenewalHarness.ConnectionString, outboxName, StorageExtensions.QueueOptions());
        await outbox.CreateIfNotExistsAsync();
        var stripe = Client(stripeBase, null);
        var runtimeStripe = faults?.Stripe is { } handler ? Client(stripeBase, handler) : stripe;
        var runtimeOutbox = faults is { CrashAfterEmail: > 0 } ? new CrashingQueue(RenewalHarness.ConnectionString, outboxName,
            faults.CrashAfterEmail) : outbox;
        var billingName = "billing" + Guid.NewGuid().ToString("N")[..12];
        var tables = BillingTables.Named(RenewalHarness.ConnectionString, billingName, billingName);
        await tables.CreateIfNotExistsAsync(CancellationToken.None);
        var subscriptions = faults?.Subscriptions?.Invoke(tables, clock) ?? new SubscriptionStore(tables, clock);

        var emails = new DunningEmails(new EmailOutbox(runtimeOutbox), new CustomerEmailComposer("test.local"),
            new EmailAddress("billing@test.local"));
        var queue = new QueueClient(RenewalHarness.ConnectionString, storage.Queue, StorageExtensions.QueueOptions());
        var definition = new DunningDefinition(DunningStripe.Single(runtimeStripe), new(emails),
            subscriptions: new(new DunningSubscriptions(subscriptions, clock, NullLogger<DunningSubscriptions>.Instance)));
        var runtime = new ProcessRuntime<DunningState, DunningEvent, DunningEffect>(
            new ProcessStore(new TableClient(RenewalHarness.ConnectionString, storage.Table)), queue, definition, clock, NullLogger.Instance);
        var events = new DunningStripeEvents(runtime, DunningStripe.Single(stripe), new DunningSettingsStore(tables),
            new DunningCustomerIndex(tables),
            new DunningHolds(new TenantDirectory(tables, TestSecrets.Store), new InvoiceStore(tables, clock, NullLogger<InvoiceStore>.Instance)),
            clock, NullLogger.Instance);
        return new DunningHarness(stripe, runtime, new(queue, runtime, NullLogger.Instance), events, outbox, tables, subscriptions);
    }

    private static StripeAccount Client(Uri stripeBase, HttpMessageHandler? handler) =>
        handler is null ? TestStripe.Account(stripeBase, "sk_test_dunning") : new(StripeConnection.Create(new StripeConnectionOptions
        {
            ApiBase = stripeBase, RequestsPerSecondPerAccount = null, MaxNetworkRetries = 5,
        }, handler), "sk_test_dunning");

    /// <summary>Drains wake-ups and sweeps (no grace) until nothing is overdue: what the host's triggers do over time.</summary>
    public async Task RunUntilQuietAsync()
    {
        for (var round = 0; round < 30; round++)
        {
            await Pump.DrainAsync();
            if (await Runtime.SweepAsync(TimeSpan.Zero) == 0) return;
        }
        throw new InvalidOperationException("Instances stayed overdue after 30 rounds.");
    }

    /// <summary>A Stripe customer of <paramref name="tenant"/> (the harness's by default), marked as the CRM marks the customers it
    /// creates.</summary>
    public async Task<string> CustomerWithCardAsync(string card, string tenant = Tenant)
    {
        var run = Guid.NewGuid().ToString("N");
        var customer = await Stripe.V1.Customers.CreateAsync(new CustomerCreateOptions
        {
            Name = "Ada Lovelace", Email = $"{run}@example.com",
            Metadata = new Dictionary<string, string> { [StripeEventOwnership.TenantMetadata] = tenant },
        }, Stripe.Write($"d:{run}:c"));
        await SetDefaultCardAsync(customer.Id, card);
        return customer.Id;
    }

    /// <summary>The customer fixes their card: a new default payment method.</summary>
    public async Task SetDefaultCardAsync(string customer, string card)
    {
        var run = Guid.NewGuid().ToString("N");
        var method = await Stripe.V1.PaymentMethods.AttachAsync(card, new PaymentMethodAttachOptions { Customer = customer },
            Stripe.Write($"d:{run}:pm"));
        await Stripe.V1.Customers.UpdateAsync(customer, new CustomerUpdateOptions
        {
            InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = method.Id },
        }, Stripe.Write($"d:{run}:default"));
    }

    /// <summary>
    /// A 25.00 EUR invoice whose first charge (with <paramref name="payWith"/>, else the default card) is declined; a
    /// renewal's when <paramref name="subscription"/> is given (named in metadata, as renewals do).
    /// </summary>
    public async Task<string> FailedInvoiceAsync(string customer, string? payWith = null, string? subscription = null)
    {
        var run = Guid.NewGuid().ToString("N");
        var invoice = await Stripe.V1.Invoices.CreateAsync(new InvoiceCreateOptions
        {
            Customer = customer, CollectionMethod = "charge_automatically", AutoAdvance = false, Currency = "eur",
            PendingInvoiceItemsBehavior = "exclude",
            Metadata = subscription is null ? null : new Dictionary<string, string> { [DunningSubscriptions.SubscriptionMetadata] = subscription },
        }, Stripe.Write($"d:{run}:in"));
        await Stripe.V1.InvoiceItems.CreateAsync(new InvoiceItemCreateOptions
        {
            Customer = customer, Invoice = invoice.Id, Amount = 2500, Currency = "eur", Description = "Plan",
        }, Stripe.Write($"d:{run}:ii"));
        await Stripe.V1.Invoices.FinalizeInvoiceAsync(invoice.Id, new InvoiceFinalizeOptions { AutoAdvance = false }, Stripe.Write($"d:{run}:fin"));
        await Assert.ThrowsAsync<StripeException>(() => Stripe.V1.Invoices.PayAsync(invoice.Id,
            new InvoicePayOptions { OffSession = true, PaymentMethod = payWith }, Stripe.Write($"d:{run}:pay")));
        return invoice.Id;
    }

    /// <summary>The emulator's event of this type for the invoice, as the webhook function hands it on.</summary>
    public async Task<Event> EventAsync(string type, string invoiceId)
    {
        var events = await Stripe.V1.Events.ListAsync(new EventListOptions { Type = type, Limit = 100 }, Stripe.Read());
        return events.Data.First(e => e.ObjectId() == invoiceId);
    }

    /// <summary>Applies the event for the harness's tenant, as apply-stripe-event does.</summary>
    /// <summary>Dunning does not run on the task hub yet, so it gets no durable client.</summary>
    public Task ApplyAsync(Event stripeEvent) => Events.ApplyAsync(Tenant, stripeEvent, durable: null!, CancellationToken.None);

    public async Task<DunningState> StateAsync(string invoiceId) =>
        Runtime.ReadState((await Runtime.GetAsync(Tenant, DunningState.InstanceIdFor(invoiceId)))!);

    public async Task<IReadOnlyList<OutboxEmail>> OutboxEmailsAsync() =>
        [.. ((await Outbox.PeekMessagesAsync(32)).Value).Select(m => OutboxEmail.FromJson(m.MessageText))];
}
