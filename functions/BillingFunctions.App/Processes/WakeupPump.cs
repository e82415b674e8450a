using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using BillingFunctions.Adapters.AzureStorage;
using Microsoft.Extensions.Logging;

namespace BillingFunctions.App.Processes;

/// <summary>
/// Takes wake-up messages off the queue and steps their instances, as the queue-triggered function does
/// under the Functions host. A message is deleted only after its step; a crash leaves it to reappear.
/// </summary>
public sealed partial class WakeupPump<TState, TEvent, TEffect>(QueueClient wakeups, ProcessRuntime<TState, TEvent, TEffect> runtime,
    ILogger logger, TimeSpan? visibilityTimeout = null)
    where TState : notnull where TEvent : notnull where TEffect : notnull
{
    /// <summary>Receives one batch and runs it with up to <paramref name="parallelism"/> steps at once; returns how many it received.</summary>
    public async Task<int> RunBatchAsync(int parallelism = 8, CancellationToken cancellationToken = default)
    {
        QueueMessage[] messages = await wakeups.ReceiveMessagesAsync(StorageExtensions.MaxMessagesPerReceive,
            visibilityTimeout ?? TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (message, ct) =>
            {
                try
                {
                    await runtime.RunAsync(JsonSerializer.Deserialize<WakeMessage>(message.MessageText)!, ct).ConfigureAwait(false);
                    await wakeups.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e, message.MessageId, message.DequeueCount);
                }
            }).ConfigureAwait(false);
        return messages.Length;
    }

    /// <summary>Runs batches until the queue has nothing visible.</summary>
    public async Task<int> DrainAsync(int parallelism = 8, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var received = await RunBatchAsync(parallelism, cancellationToken).ConfigureAwait(false);
            if (received == 0) return total;
            total += received;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wake-up {MessageId} failed on delivery {DequeueCount}; it will be delivered again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string messageId, long dequeueCount);
}
