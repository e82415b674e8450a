using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.Adapters.Email;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.Email.Smtp;
using BillingFunctions.Adapters.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.Adapters.Tests.Email;

[Collection(MailDevCollection.Name)]
public class OutboxDispatcherTests(MailDevFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(3);
    private readonly MailDev _server = fixture.Server;
    private readonly FakeTimeProvider _clock = new(Mail.Now);
    private QueueClient _queue = null!;
    private TableClient _table = null!;

    public async Task InitializeAsync() => (_queue, _table) = (await Azurite.NewQueueAsync(), await Azurite.NewTableAsync());

    public async Task DisposeAsync()
    {
        await _queue.DeleteAsync();
        await _table.DeleteAsync();
    }

    private SmtpEmailSenderOptions SmtpOptions => new()
    {
        Host = "127.0.0.1", Port = _server.SmtpPort, Security = SmtpSecurity.None, Timeout = TimeSpan.FromSeconds(15),
    };

    private OutboxDispatcher Dispatcher(SmtpEmailSender? sender = null) => new(_queue, _table,
        sender ?? new SmtpEmailSender(SmtpOptions, _clock), _clock, NullLogger<OutboxDispatcher>.Instance,
        // The shortest visibility timeout the queue allows lets a test see an unfinished message again soon.
        new OutboxDispatcherOptions { Lease = Lease, VisibilityTimeout = TimeSpan.FromSeconds(1) });

    private static OutboxEmail Email(string to, string key = "dunning:in_1:1:email-payment-failed") =>
        new("tenant-a", key, Mail.Message(to) with { MessageId = OutboxEmail.MessageIdFor("tenant-a", key, "billing.test") });

    private async Task<SendStatus?> StatusAsync(OutboxEmail email)
    {
        var row = await _table.GetEntityOrNullAsync(email.TenantId, SentLedger.RowKey(email.IdempotencyKey));
        return row is null ? null : Enum.Parse<SendStatus>(row.GetString("Status")!);
    }

    [Fact]
    public async Task A_step_retried_three_times_with_the_same_key_delivers_one_email()
    {
        var to = Mail.UniqueRecipient();
        var outbox = new EmailOutbox(_queue);
        for (var i = 0; i < 3; i++)
            await outbox.EnqueueAsync(Email(to));

        var finished = await Dispatcher().DrainOnceAsync();

        Assert.Equal(3, finished);
        Assert.Single(await Mail.SettledAsync(_server, to));
        Assert.Equal(0, (await _queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(SendStatus.Sent, await StatusAsync(Email(to)));
    }

    [Fact]
    public async Task Different_keys_for_the_same_recipient_are_different_emails()
    {
        var to = Mail.UniqueRecipient();
        var dispatcher = Dispatcher();

        await dispatcher.DeliverAsync(Email(to, "dunning:in_1:1:email-payment-failed"));
        await dispatcher.DeliverAsync(Email(to, "dunning:in_1:3:email-retry-scheduled"));

        Assert.Equal(2, (await Mail.WaitForAsync(_server, to, atLeast: 2)).Count);
    }

    [Fact]
    public async Task A_crash_between_claim_and_send_delivers_exactly_once_after_the_lease()
    {
        var to = Mail.UniqueRecipient();
        var email = Email(to);
        var dispatcher = Dispatcher(new CrashingSender(SmtpOptions, _clock, CrashPoint.BeforeSending));

        await Assert.ThrowsAsync<SimulatedCrash>(() => dispatcher.DeliverAsync(email));
        Assert.Equal(OutboxOutcome.Busy, await dispatcher.DeliverAsync(email));
        Assert.Empty(await Mail.SettledAsync(_server, to));

        _clock.Advance(Lease);
        Assert.Equal(OutboxOutcome.Sent, await dispatcher.DeliverAsync(email));
        Assert.Equal(OutboxOutcome.AlreadySent, await dispatcher.DeliverAsync(email));

        Assert.Single(await Mail.SettledAsync(_server, to));
    }

    [Fact]
    public async Task A_crash_after_sending_never_sends_the_email_again()
    {
        var to = Mail.UniqueRecipient();
        var email = Email(to);
        var dispatcher = Dispatcher(new CrashingSender(SmtpOptions, _clock, CrashPoint.AfterSending));

        await Assert.ThrowsAsync<SimulatedCrash>(() => dispatcher.DeliverAsync(email));
        Assert.Equal(OutboxOutcome.Busy, await dispatcher.DeliverAsync(email));
        _clock.Advance(Lease);
        Assert.Equal(OutboxOutcome.Uncertain, await dispatcher.DeliverAsync(email));
        Assert.Equal(OutboxOutcome.Uncertain, await dispatcher.DeliverAsync(email));

        Assert.Single(await Mail.SettledAsync(_server, to));
        Assert.Equal(SendStatus.Uncertain, await StatusAsync(email));
    }

    [Fact]
    public async Task A_crash_just_before_the_final_dot_loses_the_email_rather_than_risk_a_duplicate()
    {
        // The documented residual window: once "committing" is recorded the dispatcher cannot know whether the
        // server took the message, so it never resends. Here the server did not get the dot: nothing arrives.
        var to = Mail.UniqueRecipient();
        var email = Email(to);
        var dispatcher = Dispatcher(new CrashingSender(SmtpOptions, _clock, CrashPoint.WhileCommitting));

        await Assert.ThrowsAsync<SimulatedCrash>(() => dispatcher.DeliverAsync(email));
        _clock.Advance(Lease);
        Assert.Equal(OutboxOutcome.Uncertain, await dispatcher.DeliverAsync(email));

        Assert.Empty(await Mail.SettledAsync(_server, to));
    }

    [Fact]
    public async Task Two_dispatchers_racing_for_one_key_deliver_one_email()
    {
        var to = Mail.UniqueRecipient();
        var email = Email(to);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Dispatcher().DeliverAsync(email))));

        Assert.Single(outcomes, o => o == OutboxOutcome.Sent);
        Assert.Single(await Mail.SettledAsync(_server, to));
    }

    [Fact]
    public async Task An_unfinished_message_stays_on_the_queue_until_it_is_delivered()
    {
        var to = Mail.UniqueRecipient();
        await new EmailOutbox(_queue).EnqueueAsync(Email(to));
        var crashing = Dispatcher(new CrashingSender(SmtpOptions, _clock, CrashPoint.BeforeSending));

        await Assert.ThrowsAsync<SimulatedCrash>(() => crashing.DrainOnceAsync());
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(0, await Dispatcher().DrainOnceAsync());
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        _clock.Advance(Lease);
        Assert.Equal(1, await Dispatcher().DrainOnceAsync());

        Assert.Single(await Mail.SettledAsync(_server, to));
        Assert.Equal(0, (await _queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
