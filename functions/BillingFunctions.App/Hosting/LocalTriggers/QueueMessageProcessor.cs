using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace BillingFunctions.App.Hosting.LocalTriggers;

/// <summary>One received message through the invoker, then deleted, released for a retry, or moved to poison.</summary>
internal sealed class QueueMessageProcessor(
    QueueFunction function,
    FunctionInvoker invoker,
    QueueClient queue,
    QueueClient poison,
    QueueTriggerOptions options,
    TimeProvider time,
    ILogger logger)
{
    private bool _poisonCreated;

    public async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            // A message whose earlier attempts all died mid-run (crash, timeout) never got a failure answer.
            if (message.DequeueCount > options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, cancellationToken);
                return;
            }

            var data = new QueueMessageData(message.MessageId, message.PopReceipt, message.MessageText, message.DequeueCount,
                message.InsertedOn, message.ExpiresOn, message.NextVisibleOn);
            var result = await invoker.InvokeAsync(function.Name, HostPayloads.Queue(function, data, time.GetUtcNow()), cancellationToken);

            if (result.Succeeded)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
            else if (message.DequeueCount >= options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, cancellationToken);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, messageText: null,
                    options.VisibilityTimeout, cancellationToken);
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The message reappears when its processing visibility runs out, and counts as one more attempt.
            logger.LogError(exception, "Settling message {MessageId} of {Queue} failed", message.MessageId, queue.Name);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        if (!_poisonCreated)
        {
            await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _poisonCreated = true;
        }

        // Copy first, then delete: a crash in between leaves a duplicate in poison, never a lost message.
        await poison.SendMessageAsync(message.MessageText, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        logger.LogWarning("Message {MessageId} of {Queue} moved to {PoisonQueue} after {DequeueCount} attempts",
            message.MessageId, queue.Name, poison.Name, message.DequeueCount);
    }
}
