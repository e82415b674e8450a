using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tests.Testing;

namespace BillingFunctions.App.Tests.Hosting.LocalTriggers;

/// <summary>The local queue trigger against Azurite, with host.json's maxDequeueCount of 3 and no retry delay.</summary>
public sealed class QueueRunnerTests : IDisposable
{
    private const string TestFunctionName = "queue-under-test";
    private readonly string _directory = Directory.CreateTempSubdirectory("queue-runner-").FullName;
    private readonly string _queueName = Azurite.UniqueName("runner-");
    private readonly QueueServiceClient _queues = new(Azurite.ConnectionString, StorageExtensions.QueueOptions());

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Dictionary<string, string?> Settings(int maxDequeueCount = 3) => new()
    {
        [AppSettings.StorageConnectionSetting] = Azurite.ConnectionString,
        [AppSettings.LocalTriggersEnabled] = "true",
        [AppSettings.LocalTriggerFunctions + ":0"] = TestFunctionName, // keeps the app's own apply-stripe-event off the shared queue
        [AppSettings.HostJsonPath] = TestApp.WriteHostJson(_directory, maxDequeueCount),
    };

    private async Task SendAsync(string text)
    {
        var queue = _queues.GetQueueClient(_queueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(text);
    }

    private async Task<IReadOnlyList<PeekedMessage>> PeekAsync(string queueName)
    {
        var queue = _queues.GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        return (await queue.PeekMessagesAsync(32)).Value;
    }

    [Fact]
    public async Task A_message_that_always_fails_is_tried_max_dequeue_count_times_then_moved_to_the_poison_queue()
    {
        var attempts = new ConcurrentQueue<long?>();
        var failing = new QueueFunction(TestFunctionName, _queueName, (_, context, _) =>
        {
            attempts.Enqueue(InvocationJson.ReadInt64(context.Metadata, "DequeueCount"));
            throw new InvalidOperationException("cannot apply");
        });
        await SendAsync("""{"n":1}""");

        using var app = TestApp.Create(Settings(maxDequeueCount: 3), failing);
        _ = app.Server;
        await Eventually.TrueAsync(async () => (await PeekAsync(_queueName + "-poison")).Count == 1, "the message is in the poison queue");

        var poisoned = Assert.Single(await PeekAsync(_queueName + "-poison"));
        Assert.Equal("""{"n":1}""", poisoned.MessageText);
        Assert.Equal([1L, 2L, 3L], attempts.ToArray());
        Assert.Empty(await PeekAsync(_queueName));
    }

    [Fact]
    public async Task A_message_that_fails_once_is_retried_and_then_deleted_without_poisoning()
    {
        var attempts = 0;
        var flaky = new QueueFunction(TestFunctionName, _queueName, (message, _, _) =>
            Interlocked.Increment(ref attempts) == 1 ? throw new TimeoutException("transient") : Task.CompletedTask);
        await SendAsync("retry me");

        using var app = TestApp.Create(Settings(), flaky);
        _ = app.Server;
        await Eventually.TrueAsync(async () => Volatile.Read(ref attempts) >= 2 && (await PeekAsync(_queueName)).Count == 0,
            "the retried message is deleted");

        Assert.Equal(2, attempts);
        Assert.Empty(await PeekAsync(_queueName + "-poison"));
    }

    [Fact]
    public async Task Every_message_of_a_batch_reaches_the_handler_once_with_its_text()
    {
        var seen = new ConcurrentBag<string>();
        var collecting = new QueueFunction(TestFunctionName, _queueName, (message, _, _) =>
        {
            seen.Add(message);
            return Task.CompletedTask;
        });
        var texts = Enumerable.Range(0, 20).Select(i => $$"""{"tenant":"t{{i}}","note":"quotes \" and unicode é"}""").ToArray();
        foreach (var text in texts) await SendAsync(text);

        using var app = TestApp.Create(Settings(), collecting);
        _ = app.Server;
        await Eventually.TrueAsync(() => Task.FromResult(seen.Count >= texts.Length), "all messages are handled");
        await Eventually.TrueAsync(async () => (await PeekAsync(_queueName)).Count == 0, "the queue is empty");

        Assert.Equal(texts.Order(), seen.Order());
    }

    [Fact]
    public async Task A_message_already_dequeued_more_than_max_dequeue_count_times_goes_to_poison_without_running_the_handler()
    {
        var runs = 0;
        var counting = new QueueFunction(TestFunctionName, _queueName, (_, _, _) =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        });
        await SendAsync("crashed every time");
        // Four receives without a delete, as if four attempts had died mid-run (max is 3).
        var queue = _queues.GetQueueClient(_queueName);
        for (var i = 0; i < 4; i++)
        {
            Assert.Single((await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).Value);
            await Task.Delay(1100);
        }

        using var app = TestApp.Create(Settings(maxDequeueCount: 3), counting);
        _ = app.Server;
        await Eventually.TrueAsync(async () => (await PeekAsync(_queueName + "-poison")).Count == 1, "the message is in the poison queue");

        Assert.Equal(0, runs);
        Assert.Empty(await PeekAsync(_queueName));
    }
}
