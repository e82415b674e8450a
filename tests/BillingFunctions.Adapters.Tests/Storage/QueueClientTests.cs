using Azure;
using BillingFunctions.Adapters.Storage;

namespace BillingFunctions.Adapters.Tests.Storage;

public class QueueClientTests
{
    // Visibility times come back in whole seconds (RFC 1123), so the true instant can be up to a second later.
    private static readonly TimeSpan VisibilityClockSlack = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task Sent_message_is_received_with_its_text_and_deleted()
    {
        var queue = await Azurite.NewQueueAsync();
        const string text = "{\"invoice\":\"in_1\",\"note\":\"<b>Grüße</b> & 'quotes'\"}";
        var receipt = await queue.SendMessageAsync(text);

        var received = Assert.Single(await queue.ReceiveMessagesAsync(maxMessages: 10, TimeSpan.FromSeconds(30)));
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        Assert.Equal(receipt.MessageId, received.MessageId);
        Assert.Equal(text, received.MessageText);
        Assert.Equal(1, received.DequeueCount);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task Delayed_message_is_invisible_until_its_time()
    {
        var queue = await Azurite.NewQueueAsync();
        var delay = TimeSpan.FromSeconds(3);
        var sent = await queue.SendMessageAsync("wake up", visibilityTimeout: delay);

        var early = await queue.ReceiveMessagesAsync(maxMessages: 32);
        var peekedEarly = await queue.PeekMessagesAsync(maxMessages: 32);
        var countEarly = await queue.GetApproximateMessageCountAsync();
        await Task.Delay(sent.NextVisibleOn - DateTimeOffset.UtcNow + VisibilityClockSlack);
        var late = await queue.ReceiveMessagesAsync(maxMessages: 32);

        Assert.Empty(early);
        Assert.Empty(peekedEarly);
        Assert.Equal(1, countEarly);
        Assert.Equal("wake up", Assert.Single(late).MessageText);
        Assert.InRange(sent.NextVisibleOn - sent.InsertedOn, delay - TimeSpan.FromSeconds(1), delay + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Seven_day_delay_is_accepted_and_longer_is_refused_before_sending()
    {
        var queue = await Azurite.NewQueueAsync();

        var sent = await queue.SendMessageAsync("next week", visibilityTimeout: TimeSpan.FromDays(7), timeToLive: Timeout.InfiniteTimeSpan);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => queue.SendMessageAsync("too late", visibilityTimeout: TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1)));

        Assert.InRange(sent.NextVisibleOn - sent.InsertedOn, TimeSpan.FromDays(7) - TimeSpan.FromSeconds(2), TimeSpan.FromDays(7));
        Assert.Empty(await queue.ReceiveMessagesAsync(maxMessages: 32));
        Assert.Equal(1, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task Delay_as_long_as_the_default_lifetime_is_refused_before_sending()
    {
        var queue = await Azurite.NewQueueAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync("lost", visibilityTimeout: TimeSpan.FromDays(7)));
        await Assert.ThrowsAsync<ArgumentException>(
            () => queue.SendMessageAsync("lost", visibilityTimeout: TimeSpan.FromHours(2), timeToLive: TimeSpan.FromHours(1)));

        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task Received_message_stays_hidden_for_its_visibility_timeout_and_returns_after()
    {
        var queue = await Azurite.NewQueueAsync();
        await queue.SendMessageAsync("retry me");

        var first = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1)));
        var whileHidden = await queue.ReceiveMessagesAsync();
        await Task.Delay(first.NextVisibleOn!.Value - DateTimeOffset.UtcNow + VisibilityClockSlack);
        var second = Assert.Single(await queue.ReceiveMessagesAsync());

        Assert.Empty(whileHidden);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);
    }

    [Fact]
    public async Task Updated_message_carries_new_text_and_old_pop_receipt_stops_working()
    {
        var queue = await Azurite.NewQueueAsync();
        await queue.SendMessageAsync("step 1");
        var received = Assert.Single(await queue.ReceiveMessagesAsync());

        var update = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, "step 2", TimeSpan.Zero);
        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt));
        var again = Assert.Single(await queue.ReceiveMessagesAsync());

        Assert.NotEqual(received.PopReceipt, update.PopReceipt);
        Assert.Equal((400, "PopReceiptMismatch"), (error.Status, error.ErrorCode));
        Assert.Equal("step 2", again.MessageText);
    }

    [Fact]
    public async Task Peek_shows_messages_without_hiding_them()
    {
        var queue = await Azurite.NewQueueAsync();
        await queue.SendMessageAsync("a");
        await queue.SendMessageAsync("b");

        var peeked = await queue.PeekMessagesAsync(maxMessages: 32);
        var received = await queue.ReceiveMessagesAsync(maxMessages: 32);

        Assert.Equal(["a", "b"], peeked.Select(m => m.MessageText));
        Assert.Equal(["a", "b"], received.Select(m => m.MessageText));
    }

    [Fact]
    public async Task Queue_service_client_hands_out_clients_that_create_and_delete_queues()
    {
        var service = new QueueServiceClient(Azurite.ConnectionString);
        var queue = service.GetQueueClient(Azurite.UniqueQueueName());
        await queue.CreateIfNotExistsAsync();
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("x");

        await queue.DeleteAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("y"));
        Assert.Equal(404, error.Status);
        Assert.Equal("QueueNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Extending_visibility_without_new_text_keeps_the_text_and_hides_the_message()
    {
        var queue = await Azurite.NewQueueAsync();
        await queue.SendMessageAsync("keep me");
        var received = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1)));

        var update = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, messageText: null, TimeSpan.FromMinutes(5));
        await Task.Delay(received.NextVisibleOn!.Value - DateTimeOffset.UtcNow + VisibilityClockSlack);
        var hidden = await queue.ReceiveMessagesAsync();
        await queue.UpdateMessageAsync(received.MessageId, update.PopReceipt, messageText: null, TimeSpan.Zero);
        var again = Assert.Single(await queue.ReceiveMessagesAsync());

        Assert.Empty(hidden);
        Assert.Equal("keep me", again.MessageText);
    }
}
