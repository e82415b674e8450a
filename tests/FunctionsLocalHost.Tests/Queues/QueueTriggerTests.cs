using Azure.Storage.Queues;
using FunctionsLocalHost.Tests.Testing;

namespace FunctionsLocalHost.Tests.Queues;

/// <summary>The sample's host.json: batchSize 4, newBatchThreshold 2, maxDequeueCount 3, visibilityTimeout 1s.</summary>
public class QueueTriggerTests
{
    private static QueueClient Queue(string name, bool base64 = true)
    {
        var options = new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06);
        if (base64)
            options.MessageEncoding = QueueMessageEncoding.Base64;
        var queue = new QueueClient(SampleHost.ConnectionString, name, options);
        queue.CreateIfNotExists();
        return queue;
    }

    [Fact]
    public async Task String_poco_and_QueueMessage_triggers_get_the_message_and_its_metadata_inside_the_middleware()
    {
        var settings = SampleHost.Settings();
        await using var host = await SampleHost.StartAsync(settings);

        await Queue(settings["OrderQueue"]!).SendMessageAsync("""{"number":"A-1","amountMinor":1250}""");
        await Queue(settings["RawQueue"]!).SendMessageAsync("raw body");
        await Queue(settings["TextQueue"]!).SendMessageAsync("plain");
        await SampleHost.Eventually(() => host.Log().Entries.Count(e => e.StartsWith("after Process")) == 3, "three queue invocations");

        var entries = host.Log().Entries;
        Assert.Contains("ProcessOrder A-1 1250 id=True inserted=True try 1", entries);
        Assert.Contains("ProcessRaw raw body try 1", entries);
        Assert.Contains("ProcessText plain try 1", entries);
        Assert.Equal(["before ProcessOrder", "ProcessOrder A-1 1250 id=True inserted=True try 1", "after ProcessOrder"],
            entries.Where(e => e.Contains("ProcessOrder")));
        // The HTTP-only middleware's UseWhen predicate keeps it out of queue invocations.
        Assert.DoesNotContain(entries, e => e.StartsWith("http middleware"));
        await SampleHost.Eventually(() => Queue(settings["OrderQueue"]!).GetProperties().Value.ApproximateMessagesCount == 0, "order queue emptied");
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_tried_maxDequeueCount_times_then_lands_in_poison_with_its_body_intact()
    {
        var settings = SampleHost.Settings();
        await using var host = await SampleHost.StartAsync(settings);
        var stored = Convert.ToBase64String("fail: ünïcode body"u8);

        await Queue(settings["TextQueue"]!, base64: false).SendMessageAsync(stored);
        var poison = Queue(settings["TextQueue"] + "-poison", base64: false);
        await SampleHost.Eventually(() => poison.PeekMessages().Value.Length == 1, "the message in the poison queue");

        Assert.Equal(stored, poison.PeekMessages().Value.Single().MessageText);
        Assert.Equal(["ProcessText fail: ünïcode body try 1", "ProcessText fail: ünïcode body try 2", "ProcessText fail: ünïcode body try 3"],
            host.Log().Entries.Where(e => e.StartsWith("ProcessText")));
        Assert.Empty(Queue(settings["TextQueue"]!).PeekMessages().Value);
    }

    [Fact]
    public async Task A_message_that_is_not_base64_goes_to_poison_as_stored_without_running_the_function()
    {
        var settings = SampleHost.Settings();
        await using var host = await SampleHost.StartAsync(settings);

        await Queue(settings["TextQueue"]!, base64: false).SendMessageAsync("not base64!");
        var poison = Queue(settings["TextQueue"] + "-poison", base64: false);
        await SampleHost.Eventually(() => poison.PeekMessages().Value.Length == 1, "the message in the poison queue");

        Assert.Equal("not base64!", poison.PeekMessages().Value.Single().MessageText);
        Assert.DoesNotContain(host.Log().Entries, e => e.StartsWith("ProcessText"));
    }

    [Fact]
    public async Task Thirty_two_messages_run_at_most_batchSize_plus_newBatchThreshold_at_a_time()
    {
        var settings = SampleHost.Settings();
        var queue = Queue(settings["TextQueue"]!);
        for (var i = 0; i < 32; i++)
            await queue.SendMessageAsync($"slow {i}");

        await using var host = await SampleHost.StartAsync(settings);
        await SampleHost.Eventually(() => host.Log().Entries.Count(e => e.StartsWith("after ProcessText")) == 32, "all 32 messages processed", 60);

        Assert.InRange(host.Log().MaxInFlight, 2, 4 + 2);
        Assert.Equal(32, host.Log().Entries.Where(e => e.StartsWith("ProcessText slow")).Distinct().Count());
    }

    [Fact]
    public async Task A_message_whose_function_outlasts_the_lease_is_kept_invisible_and_run_once()
    {
        var settings = SampleHost.Settings();
        await using var host = await SampleHost.StartAsync(settings, lease: TimeSpan.FromSeconds(2));

        await Queue(settings["TextQueue"]!).SendMessageAsync("long run");
        await SampleHost.Eventually(() => host.Log().Entries.Contains("after ProcessText"), "the long run finishing");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(["ProcessText long run try 1"], host.Log().Entries.Where(e => e.StartsWith("ProcessText")));
    }

    [Fact]
    public async Task Stopping_the_host_cancels_a_running_function_waits_for_it_and_leaves_its_message_on_the_queue()
    {
        var settings = SampleHost.Settings();
        var host = await SampleHost.StartAsync(settings);
        await Queue(settings["TextQueue"]!).SendMessageAsync("long wait");
        await SampleHost.Eventually(() => host.Log().Entries.Contains("ProcessText long wait try 1"), "the function to start");

        await host.StopAsync();

        Assert.Equal(["before ProcessText", "ProcessText long wait try 1", "ProcessText long wait cancelled", "after ProcessText"],
            host.Log().Entries.Where(e => e.Contains("ProcessText")));
        await host.DisposeAsync();
        var left = Assert.Single(Queue(settings["TextQueue"]!).PeekMessages().Value);
        Assert.Equal("long wait", left.MessageText);
        Assert.Empty(Queue(settings["TextQueue"] + "-poison").PeekMessages().Value);
    }
}
