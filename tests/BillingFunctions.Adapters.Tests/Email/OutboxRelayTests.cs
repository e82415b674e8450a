using BillingFunctions.Adapters.Email.Outbox;
using BillingFunctions.Adapters.Email.Smtp;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BillingFunctions.Adapters.Tests.Email;

/// <summary>The outbox against a relay that announces SIZE, which makes MailKit write the message twice: once to measure it.</summary>
public class OutboxRelayTests : IAsyncLifetime
{
    private QueueClient _queue = null!;
    private TableClient _table = null!;

    public async Task InitializeAsync() => (_queue, _table) = (await Azurite.NewQueueAsync(), await Azurite.NewTableAsync());

    public async Task DisposeAsync()
    {
        await _queue.DeleteAsync();
        await _table.DeleteAsync();
    }

    [Fact]
    public async Task Measuring_the_message_is_not_mistaken_for_the_commit()
    {
        await using var relay = new ScriptedSmtpServer("250 2.1.5 ok");
        var clock = new FakeTimeProvider(Mail.Now);
        var sender = new SmtpEmailSender(new SmtpEmailSenderOptions { Host = "127.0.0.1", Port = relay.Port, Security = SmtpSecurity.None }, clock);
        var dispatcher = new OutboxDispatcher(_queue, _table, sender, clock, NullLogger<OutboxDispatcher>.Instance);
        var email = new OutboxEmail("tenant-a", "invoice:in_1:paid", Mail.Message(Mail.UniqueRecipient()));

        Assert.Equal(OutboxOutcome.Sent, await dispatcher.DeliverAsync(email));
        Assert.Equal(OutboxOutcome.AlreadySent, await dispatcher.DeliverAsync(email));

        Assert.Equal(1, relay.MessagesAccepted);
    }
}
