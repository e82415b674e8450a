using System.Text;

namespace BillingFunctions.Adapters.Tests.Storage.Interop;

/// <summary>Our Queue client and the official @azure/storage-queue SDK exchange messages both ways.</summary>
public class QueueInteropTests
{
    private static readonly string[] Texts =
    [
        "plain",
        "{\"kind\":\"dunning.wake\",\"invoice\":\"in_123\",\"step\":2}",
        "<xml> & 'quotes' \"double\" Grüße 🌍 日本\nline two",
    ];

    public sealed record JsReceived(string MessageId, string WireText, string Text, int DequeueCount);

    public sealed record JsSent(string MessageId, DateTimeOffset NextVisibleOn);

    [Fact]
    public async Task Messages_sent_by_our_client_are_received_by_the_js_sdk_as_base64_of_the_text()
    {
        var queue = await Azurite.NewQueueAsync();
        var sent = new List<string>();
        foreach (var text in Texts)
            sent.Add((await queue.SendMessageAsync(text)).MessageId);

        var received = await NodeScript.RunAsync<List<JsReceived>>("queue-receive.mjs", new Dictionary<string, string> { ["QUEUE"] = queue.Name });

        Assert.Equal(sent, received.Select(m => m.MessageId));
        Assert.Equal(Texts, received.Select(m => m.Text));
        Assert.Equal(Texts.Select(t => Convert.ToBase64String(Encoding.UTF8.GetBytes(t))), received.Select(m => m.WireText));
        Assert.All(received, m => Assert.Equal(1, m.DequeueCount));
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task Messages_sent_by_the_js_sdk_are_received_by_our_client_with_their_delay()
    {
        var queue = await Azurite.NewQueueAsync();
        var input = Texts.Select(t => new { text = t, visibilityTimeoutSeconds = (int?)null })
            .Append(new { text = "later", visibilityTimeoutSeconds = (int?)2 });

        var sent = await NodeScript.RunAsync<List<JsSent>>("queue-send.mjs", new Dictionary<string, string> { ["QUEUE"] = queue.Name }, input);
        var now = await queue.ReceiveMessagesAsync(maxMessages: 32);
        await Task.Delay(sent[^1].NextVisibleOn - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.5));
        var later = await queue.ReceiveMessagesAsync(maxMessages: 32);

        Assert.Equal(Texts, now.Select(m => m.MessageText));
        Assert.Equal(sent.Take(3).Select(s => s.MessageId), now.Select(m => m.MessageId));
        Assert.Equal("later", Assert.Single(later).MessageText);
    }
}
