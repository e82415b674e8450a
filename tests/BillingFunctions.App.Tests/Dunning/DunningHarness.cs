using System.Text.Json;
using BillingFunctions.Adapters.Dunning;
using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.Storage;
using BillingFunctions.Adapters.Stripe;
using BillingFunctions.App.Api;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Processes;
using BillingFunctions.App.Tests.Processes;
using BillingFunctions.App.Webhooks;
using BillingFunctions.Domain.Dunning;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingFunctions.App.Tests.Dunning;

/// <summary>A dunning runtime on real Azurite storage (own table, wake-up queue and outbox) and the in-process Stripe emulator.</summary>
internal sealed class DunningHarness
{
    public const string Tenant = "tenant-d";

    private DunningHarness(StripeClient stripe, ProcessRuntime<DunningState, DunningEvent, DunningEffect> runtime,
        WakeupPump<DunningState, DunningEvent, DunningEffect> pump, DunningStripeEvents events, QueueClient outbox)
    {
        Stripe = stripe;
        Runtime = runtime;
        Pump = pump;
        Events = events;
        Outbox = outbox;
    }

    public StripeClient Stripe { get; }
    public ProcessRuntime<DunningState, DunningEvent, DunningEffect> Runtime { get; }
    public WakeupPump<DunningState, DunningEvent, DunningEffect> Pump { get; }
    public DunningStripeEvents Events { get; }
    public QueueClient Outbox { get; }

    public static async Task<DunningHarness> CreateAsync(Uri stripeBase, TimeProvider clock)
    {
        var storage = await RenewalHarness.NewStorageAsync();
        var outbox = new QueueClient(RenewalHarness.ConnectionString, "outbox-" + Guid.NewGuid().ToString("N"));
        await outbox.CreateIfNotExistsAsync();
        var stripe = new StripeClient(new HttpClient(), new StripeClientOptions
        {
            ApiKey = "sk_test_dunning", BaseUrl = stripeBase, RateLimitPerSecond = null, MaxRetries = 5,
            InitialRetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        });
        var emails = new DunningEmails(stripe, new EmailOutbox(outbox), new CustomerEmailComposer("test.local"), new EmailAddress("billing@test.local"));
        var queue = new QueueClient(RenewalHarness.ConnectionString, storage.Queue);
        var runtime = new ProcessRuntime<DunningState, DunningEvent, DunningEffect>(
            new ProcessStore(new TableClient(RenewalHarness.ConnectionString, storage.Table)), queue,
            new DunningDefinition(new(new StripeDunningActions(stripe)), new(emails)), clock, NullLogger.Instance);
        // The billing table holds the tenant's dunning settings and customer index; one of its own per harness.
        var billing = new TableClient(RenewalHarness.ConnectionString, "billing" + Guid.NewGuid().ToString("N")[..12]);
        await billing.CreateIfNotExistsAsync();
        var tables = new BillingTables(billing, billing);
        var events = new DunningStripeEvents(runtime, () => stripe, new DunningSettingsStore(tables), new DunningCustomerIndex(tables), clock);
        return new DunningHarness(stripe, runtime, new(queue, runtime, NullLogger.Instance), events, outbox);
    }

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

    public async Task<string> CustomerWithCardAsync(string card)
    {
        var run = Guid.NewGuid().ToString("N");
        var customer = await Stripe.Customers.CreateAsync(new CustomerCreateRequest { Name = "Ada Lovelace", Email = $"{run}@example.com" }, $"d:{run}:c");
        await SetDefaultCardAsync(customer.Id, card);
        return customer.Id;
    }

    /// <summary>The customer fixes their card: a new default payment method.</summary>
    public async Task SetDefaultCardAsync(string customer, string card)
    {
        var run = Guid.NewGuid().ToString("N");
        var method = await Stripe.PaymentMethods.AttachAsync(card, new PaymentMethodAttachRequest { Customer = customer }, $"d:{run}:pm");
        await Stripe.Customers.UpdateAsync(customer, new CustomerUpdateRequest
        {
            InvoiceSettings = new CustomerInvoiceSettingsRequest { DefaultPaymentMethod = method.Id },
        }, $"d:{run}:default");
    }

    /// <summary>A 25.00 EUR invoice whose first charge (with <paramref name="payWith"/>, else the default card) is declined.</summary>
    public async Task<string> FailedInvoiceAsync(string customer, string? payWith = null)
    {
        var run = Guid.NewGuid().ToString("N");
        var invoice = await Stripe.Invoices.CreateAsync(new InvoiceCreateRequest
        {
            Customer = customer, CollectionMethod = "charge_automatically", AutoAdvance = false, Currency = "eur",
            PendingInvoiceItemsBehavior = "exclude",
        }, $"d:{run}:in");
        await Stripe.InvoiceItems.CreateAsync(new InvoiceItemCreateRequest
        {
            Customer = customer, Invoice = invoice.Id, Amount = 2500, Currency = "eur", Description = "Plan",
        }, $"d:{run}:ii");
        await Stripe.Invoices.FinalizeAsync(invoice.Id, new InvoiceFinalizeRequest { AutoAdvance = false }, $"d:{run}:fin");
        await Assert.ThrowsAsync<CardException>(() => Stripe.Invoices.PayAsync(invoice.Id,
            new InvoicePayRequest { OffSession = true, PaymentMethod = payWith }, $"d:{run}:pay"));
        return invoice.Id;
    }

    /// <summary>The emulator's event of this type for the invoice, as the webhook receiver would have stored it.</summary>
    public async Task<StoredStripeEvent> StoredEventAsync(string type, string invoiceId)
    {
        var events = await Stripe.Events.ListAsync(new EventListRequest { Type = type, Limit = 100 });
        var found = events.Data.First(e => e.Data.Object.GetProperty("id").GetString() == invoiceId);
        var payload = JsonSerializer.Serialize(new { id = found.Id, type = found.Type, data = new { @object = found.Data.Object } });
        return new StoredStripeEvent(Tenant, found.Id, found.Type, payload, DateTimeOffset.UnixEpoch, null);
    }

    public async Task<DunningState> StateAsync(string invoiceId) =>
        Runtime.ReadState((await Runtime.GetAsync(Tenant, DunningState.InstanceIdFor(invoiceId)))!);

    public async Task<IReadOnlyList<OutboxEmail>> OutboxEmailsAsync() =>
        [.. (await Outbox.PeekMessagesAsync(32)).Select(m => OutboxEmail.FromJson(m.MessageText))];
}
