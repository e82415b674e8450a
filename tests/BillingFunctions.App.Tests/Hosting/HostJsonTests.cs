using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Hosting;

public sealed class HostJsonTests : IDisposable
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("host-json-").FullName, "host.json");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);

    [Fact]
    public void Without_a_queues_section_the_hosts_defaults_apply()
    {
        File.WriteAllText(_path, """{ "version": "2.0" }""");

        var options = HostJson.ReadQueueOptions(_path);

        Assert.Equal(new QueueTriggerOptions { BatchSize = 16, MaxDequeueCount = 5, VisibilityTimeout = TimeSpan.Zero,
            MaxPollingInterval = TimeSpan.FromMinutes(1) }, options);
    }

    [Fact]
    public void Queue_settings_are_read_with_comments_and_timespan_strings()
    {
        File.WriteAllText(_path, """
            {
              // host.json allows comments
              "version": "2.0",
              "extensions": { "queues": { "maxDequeueCount": 2, "batchSize": 4, "visibilityTimeout": "00:01:30", "maxPollingInterval": "00:00:05", } }
            }
            """);

        var options = HostJson.ReadQueueOptions(_path);

        Assert.Equal(2, options.MaxDequeueCount);
        Assert.Equal(4, options.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(90), options.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MaxPollingInterval);
    }
}
