using Azure.Data.Tables;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.Email.Smtp;
using BillingFunctions.App.Http;
using BillingFunctions.App.Dunning;
using BillingFunctions.App.Subscriptions;
using BillingFunctions.App.Tests.Processes;
using BillingFunctions.App.Tests.Testing;
using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Subscriptions;
using BillingFunctions.Domain.Tenancy;
using Microsoft.Extensions.Logging.Abstractions;

using BillingFunctions.Adapters.Tests.Email;
using Microsoft.Extensions.Time.Testing;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Dunning;

/// <summary>
/// A crash right after each side effect of an exhausted dunning (the retry charge, each email put on the outbox, the
/// uncollectible mark, the pause), then the activity's retry repeats it: the customer is charged once per attempt and gets
/// each email once (sent through the real outbox dispatcher to maildev), and the final step still happens.
/// </summary>
public sealed class DunningCrashTests(EmulatorFixture emulator, MailDevFixture mail) : IClassFixture<EmulatorFixture>, IClassFixture<MailDevFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> CrashPoints => ["retry charge", "uncollectible mark", "payment-failed email", "final-notice email", "pause"];

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task A_crash_after_a_side_effect_then_resuming_never_charges_or_emails_twice(string crashAfter)
    {
        // The runtime's Stripe POSTs in this timeline: 1 the retry charge, 2 the uncollectible mark.
        var stripeCrash = crashAfter switch { "retry charge" => new CrashingHandler(1), "uncollectible mark" => new CrashingHandler(2), _ => null };
        CrashingPauses? pauses = null;
        var faults = new DunningFaults(stripeCrash,
            CrashAfterEmail: crashAfter switch { "payment-failed email" => 1, "final-notice email" => 2, _ => 0 },
            Subscriptions: crashAfter == "pause" ? (tables, time) => pauses = new CrashingPauses(tables, time) : null);
        var clock = new FakeTimeProvider(Start);
        await using var harness = await DunningHarness.CreateAsync(emulator.BaseUrl, clock, faults);
        await new DunningSettingsStore(harness.Tables).PutAsync(new TenantId(DunningHarness.Tenant),
            new DunningPolicy([TimeSpan.FromDays(1)], SubscriptionOnExhaustion.Pause), new UserId("fin"), Start, CancellationToken.None);
        var subscription = await ActiveSubscriptionAsync(harness.Subscriptions);
        var customer = await harness.CustomerWithCardAsync("pm_card_chargeCustomerFail");
        var invoice = await harness.FailedInvoiceAsync(customer, subscription: subscription.Value);

        await harness.ApplyAsync(await harness.EventAsync("invoice.payment_failed", invoice));
        await harness.RunUntilQuietAsync();
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await harness.RunUntilQuietAsync();

        var state = await harness.StateAsync(invoice);
        Assert.Equal(DunningStatus.Exhausted, state.Status);
        Assert.True(stripeCrash is null || stripeCrash.Posts > (crashAfter == "retry charge" ? 1 : 2), "the Stripe crash happened and was resumed");
        Assert.True(pauses is null || pauses.Calls > 1, "the pause crash happened and was resumed");
        Assert.Equal(2, (await emulator.ChargesAsync(customer)).Count);
        Assert.Equal("uncollectible", (await harness.Stripe.V1.Invoices.GetAsync(invoice, null, harness.Stripe.Read())).Status);
        var stored = await harness.Subscriptions.GetAsync(new TenantId(DunningHarness.Tenant), subscription, CancellationToken.None);
        Assert.Equal(SubscriptionStatus.Paused, stored!.Subscription.Status);
        Assert.Single(stored.Subscription.Timeline, t => t.Kind == "paused");

        var address = (await harness.Stripe.V1.Customers.GetAsync(customer, null, harness.Stripe.Read())).Email!;
        var received = await SendOutboxAsync(harness, address, expected: 2);
        Assert.Equal(2, received.Count);
        Assert.Single(received, e => e.Subject.StartsWith("Payment for invoice", StringComparison.Ordinal));
        Assert.Single(received, e => e.Subject.StartsWith("Final notice", StringComparison.Ordinal));
    }

    /// <summary>What send-outbox-email does with the harness's outbox: the real dispatcher, over SMTP, to maildev.</summary>
    private async Task<IReadOnlyList<ReceivedEmail>> SendOutboxAsync(DunningHarness harness, string address, int expected)
    {
        var sent = new TableClient(RenewalHarness.ConnectionString, "sent" + Guid.NewGuid().ToString("N")[..12]);
        await sent.CreateIfNotExistsAsync();
        var smtp = new SmtpEmailSender(new SmtpEmailSenderOptions { Host = "127.0.0.1", Port = mail.Server.SmtpPort,
            Security = SmtpSecurity.None }, TimeProvider.System);
        var dispatcher = new OutboxDispatcher(harness.Outbox, sent, smtp, TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);
        while (await dispatcher.DrainOnceAsync() > 0)
        {
        }
        await Eventually.TrueAsync(async () => (await mail.Server.EmailsToAsync(address)).Count >= expected, "maildev shows the emails");
        await Task.Delay(500);
        return await mail.Server.EmailsToAsync(address);
    }

    private static async Task<SubscriptionId> ActiveSubscriptionAsync(SubscriptionStore store)
    {
        var id = new SubscriptionId("sub_" + Guid.NewGuid().ToString("N")[..12]);
        var plan = Plan.Create(new PlanId("pln_monthly"), new ProductId("prd_1"), "Monthly", new Money(2_500, Currency.Eur),
            BillingInterval.Monthly).Value;
        var subscription = Subscription.Create(new NewSubscription
        {
            Id = id, Tenant = new TenantId(DunningHarness.Tenant), Customer = new CustomerId("cus_1"), Plan = plan, Start = Start.AddDays(-1),
        }).Value.ToSnapshot();
        Assert.True(await store.TrySaveAsync(new TenantId(DunningHarness.Tenant), null, subscription, null, [], [], CancellationToken.None));
        return id;
    }

    /// <summary>Pauses, then crashes the first time: the pause is stored but the step never hears of it.</summary>
    private sealed class CrashingPauses(BillingTables tables, TimeProvider time) : SubscriptionStore(tables, time)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override async Task<bool> PauseAsync(TenantId tenant, SubscriptionId id, DateTimeOffset at, CancellationToken cancellationToken)
        {
            var paused = await base.PauseAsync(tenant, id, at, cancellationToken);
            if (Interlocked.Increment(ref _calls) == 1) throw new SimulatedCrash("pausing the subscription");
            return paused;
        }
    }
}
