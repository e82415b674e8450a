using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using FunctionsLocalHost.Invocation;
using Microsoft.Extensions.Logging;

namespace FunctionsLocalHost.Queues;

/// <summary>
/// Polls one queue for one function as the Functions host does: receives up to batchSize messages, fetches the next
/// batch once no more than newBatchThreshold are still running (so at most batchSize + newBatchThreshold run at once),
/// and backs off up to maxPollingInterval while the queue is empty.
/// </summary>
internal sealed class QueueListener(QueueTriggerPlan plan, QueueSettings settings, MessageProcessor processor, ILogger logger)
{
    private static readonly TimeSpan FirstPollingInterval = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(CancellationToken stopping)
    {
        var running = new List<Task>();
        try
        {
            await PollAsync(running, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        // Like the Functions host on shutdown: let what is running finish (its cancellation token is already cancelled).
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task PollAsync(List<Task> running, CancellationToken stopping)
    {
        var queue = plan.Client(plan.QueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: stopping).ConfigureAwait(false);
        var pollingInterval = FirstPollingInterval;
        while (!stopping.IsCancellationRequested)
        {
            running.RemoveAll(task => task.IsCompleted);
            if (running.Count > settings.NewBatchThreshold)
            {
                await Task.WhenAny(running).ConfigureAwait(false);
                continue;
            }
            var messages = await ReceiveAsync(queue, stopping).ConfigureAwait(false);
            if (messages.Length == 0)
            {
                await DelayAsync(pollingInterval, stopping).ConfigureAwait(false);
                var longest = Math.Max(settings.MaxPollingInterval.Ticks, FirstPollingInterval.Ticks);
                pollingInterval = TimeSpan.FromTicks(Math.Min(pollingInterval.Ticks * 2, longest));
                continue;
            }
            pollingInterval = FirstPollingInterval;
            running.AddRange(messages.Select(message => processor.ProcessAsync(plan, queue, message, stopping)));
        }
    }

    private async Task<QueueMessage[]> ReceiveAsync(QueueClient queue, CancellationToken stopping)
    {
        try
        {
            var batch = Math.Clamp(settings.BatchSize, 1, 32);
            return (await queue.ReceiveMessagesAsync(batch, processor.Lease, stopping).ConfigureAwait(false)).Value;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return [];
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning(e, "Receiving from queue {Queue} for {Function} failed; retrying.", plan.QueueName, plan.Function.Name);
            return [];
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
