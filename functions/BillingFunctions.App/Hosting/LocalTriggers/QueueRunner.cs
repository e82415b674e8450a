using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using BillingFunctions.Adapters.AzureStorage;

namespace BillingFunctions.App.Hosting.LocalTriggers;

/// <summary>
/// Polls each queue function's queue when no Functions host does, with the host's queue semantics from host.json:
/// batches of <c>batchSize</c>, a failed message comes back after <c>visibilityTimeout</c>, and after
/// <c>maxDequeueCount</c> failed attempts it moves to <c>{queue}-poison</c>. An empty queue is polled less and
/// less often, up to <c>maxPollingInterval</c>.
/// </summary>
internal sealed class QueueRunner(
    FunctionCatalog catalog,
    FunctionInvoker invoker,
    StorageAccounts storage,
    QueueTriggerOptions options,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<QueueRunner> logger) : BackgroundService
{
    /// <summary>Messages stay hidden this long while a handler runs: longer than host.json's functionTimeout.</summary>
    internal static readonly TimeSpan ProcessingVisibility = TimeSpan.FromMinutes(10);

    internal static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Our queue client always writes and reads base64, the host's default; "none" in host.json would make the
        // host hand handlers base64 text.
        if (!string.Equals(options.MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase))
            logger.LogError("host.json sets queues.messageEncoding to {Encoding}; the app's queues are base64", options.MessageEncoding);
        return Task.WhenAll(catalog.Queues.Where(f => LocalTriggerSettings.Includes(configuration, f))
            .Select(queue => PollAsync(queue, stoppingToken)));
    }

    private async Task PollAsync(QueueFunction function, CancellationToken cancellationToken)
    {
        var queueName = LocalTriggerSettings.Resolve(function.QueueName, configuration);
        QueueClient? queue = null;
        QueueMessageProcessor? processor = null;
        var idleDelay = MinimumPollingInterval;
        logger.LogInformation("Local queue trigger {FunctionName} polls {Queue}", function.Name, queueName);

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (queue is null || processor is null)
                {
                    var service = storage.GetQueueService(function.Connection);
                    var candidate = service.GetQueueClient(queueName);
                    await candidate.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                    processor = new QueueMessageProcessor(function, invoker, candidate,
                        service.GetQueueClient(function.PoisonQueueName(queueName)), options, time, logger);
                    queue = candidate;
                }

                QueueMessage[] batch = await queue.ReceiveMessagesAsync(
                    Math.Clamp(options.BatchSize, 1, StorageExtensions.MaxMessagesPerReceive), ProcessingVisibility, cancellationToken);
                if (batch.Length > 0)
                {
                    idleDelay = MinimumPollingInterval;
                    await Task.WhenAll(batch.Select(message => processor.ProcessAsync(message, cancellationToken)));
                    continue;
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Polling {Queue} for {FunctionName} failed", queueName, function.Name);
            }

            await Task.Delay(idleDelay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, Math.Max(options.MaxPollingInterval.Ticks, MinimumPollingInterval.Ticks)));
        }
    }
}
