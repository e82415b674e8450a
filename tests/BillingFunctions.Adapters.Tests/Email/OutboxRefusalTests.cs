using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.Email.Smtp;
using BillingFunctions.Adapters.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.Adapters.Tests.Email;

public class OutboxRefusalTests : IAsyncLifetime
{
    private QueueClient _queue = null!;
    private TableClient _table = null!;

    public async Task InitializeAsync() => (_queue, _table) = (await Azurite.NewQueueAsync(), await Azurite.NewTableAsync());

    public async Task DisposeAsync()
    {
        await _queue.DeleteAsync();
        await _table.DeleteAsync();
    }

    private OutboxDispatcher Dispatcher(ScriptedSmtpServer server, int maxAttempts = 8)
    {
        var clock = new FakeTimeProvider(Mail.Now);
        var sender = new SmtpEmailSender(new SmtpEmailSenderOptions { Host = "127.0.0.1", Port = server.Port, Security = SmtpSecurity.None }, clock);
        return new OutboxDispatcher(_queue, _table, sender, clock, NullLogger<OutboxDispatcher>.Instance,
            new OutboxDispatcherOptions { MaxAttempts = maxAttempts });
    }

    private static OutboxEmail Email() => new("tenant-a", "reminders:in_1:+3", Mail.Message(Mail.UniqueRecipient()));

    [Fact]
    public async Task A_permanent_refusal_is_recorded_and_never_tried_again()
    {
        await using var server = new ScriptedSmtpServer("550 5.1.1 no such mailbox");
        var dispatcher = Dispatcher(server);

        Assert.Equal(OutboxOutcome.Rejected, await dispatcher.DeliverAsync(Email()));
        Assert.Equal(OutboxOutcome.Rejected, await dispatcher.DeliverAsync(Email()));

        Assert.Equal(1, server.RecipientCommands);
    }

    [Fact]
    public async Task A_temporary_refusal_releases_the_claim_so_the_next_attempt_tries_at_once()
    {
        await using var server = new ScriptedSmtpServer("451 4.3.0 try again later");
        var dispatcher = Dispatcher(server);

        Assert.Equal(OutboxOutcome.Deferred, await dispatcher.DeliverAsync(Email()));
        Assert.Equal(OutboxOutcome.Deferred, await dispatcher.DeliverAsync(Email()));

        Assert.Equal(2, server.RecipientCommands);
    }

    [Fact]
    public async Task Deferrals_end_in_a_rejection_after_the_attempt_limit()
    {
        await using var server = new ScriptedSmtpServer("421 4.7.0 too busy");
        var dispatcher = Dispatcher(server, maxAttempts: 3);

        var outcomes = new List<OutboxOutcome>();
        for (var i = 0; i < 5; i++)
            outcomes.Add(await dispatcher.DeliverAsync(Email()));

        Assert.Equal([OutboxOutcome.Deferred, OutboxOutcome.Deferred, OutboxOutcome.Rejected, OutboxOutcome.Rejected,
            OutboxOutcome.Rejected], outcomes);
        Assert.Equal(3, server.RecipientCommands);
    }
}
