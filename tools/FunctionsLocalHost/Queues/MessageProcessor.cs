using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using FunctionsLocalHost.Invocation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsLocalHost.Queues;

/// <summary>
/// Runs a function for one message and settles it: deleted on success; on failure visible again after
/// visibilityTimeout, or moved to <c>{queue}-poison</c> with its text as stored once it has been dequeued maxDequeueCount
/// times. While the function runs the message's invisibility is renewed, so a long run is not handed out twice.
/// </summary>
internal sealed class MessageProcessor(QueueSettings settings, TimeSpan lease, FunctionInvoker invoker, IServiceProvider services, ILogger logger)
{
    public TimeSpan Lease => lease;

    public async Task ProcessAsync(QueueTriggerPlan plan, QueueClient queue, QueueMessage message, CancellationToken stopping)
    {
        try
        {
            if (message.DequeueCount > settings.MaxDequeueCount || Decode(message.MessageText, settings.Base64Messages) is not { } text)
            {
                logger.LogError("Message {Id} on {Queue} is not base64 or was dequeued {Count} times; moving it to poison.",
                    message.MessageId, plan.QueueName, message.DequeueCount);
                await MoveToPoisonAsync(plan, queue, message.MessageId, message.PopReceipt, message.MessageText).ConfigureAwait(false);
                return;
            }
            var renewal = new VisibilityRenewal(queue, message, lease);
            var succeeded = await InvokeAsync(plan, message, text, stopping).ConfigureAwait(false);
            var popReceipt = await renewal.StopAsync().ConfigureAwait(false);
            if (succeeded)
                await queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None).ConfigureAwait(false);
            else if (message.DequeueCount >= settings.MaxDequeueCount)
                await MoveToPoisonAsync(plan, queue, message.MessageId, popReceipt, message.MessageText).ConfigureAwait(false);
            else
                await queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: stopping.IsCancellationRequested
                    ? TimeSpan.Zero : settings.VisibilityTimeout, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            // Typically the message was handed out again (its pop receipt changed): the next receiver settles it.
            logger.LogWarning(e, "Settling message {Id} on {Queue} failed.", message.MessageId, plan.QueueName);
        }
    }

    private async Task<bool> InvokeAsync(QueueTriggerPlan plan, QueueMessage message, string text, CancellationToken stopping)
    {
        await using var scope = services.CreateAsyncScope();
        var bindingData = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["QueueTrigger"] = text,
            ["DequeueCount"] = message.DequeueCount,
            ["ExpirationTime"] = message.ExpiresOn,
            ["Id"] = message.MessageId,
            ["InsertionTime"] = message.InsertedOn,
            ["NextVisibleTime"] = message.NextVisibleOn,
            ["PopReceipt"] = message.PopReceipt,
        };
        var context = new LocalFunctionContext(plan.Function, scope.ServiceProvider, type => TriggerValue(type, message, text, plan), bindingData,
            stopping);
        try
        {
            await invoker.InvokeAsync(context).ConfigureAwait(false);
            return true;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Function {Function} failed on message {Id} (dequeued {Count} of {Max} times).",
                plan.Function.Name, message.MessageId, message.DequeueCount, settings.MaxDequeueCount);
            return false;
        }
    }

    private static object? TriggerValue(Type type, QueueMessage message, string text, QueueTriggerPlan plan) =>
        type == typeof(string) ? text
        : type == typeof(byte[]) ? Encoding.UTF8.GetBytes(text)
        : type == typeof(BinaryData) ? BinaryData.FromString(text)
        : type == typeof(QueueMessage) ? QueuesModelFactory.QueueMessage(message.MessageId, message.PopReceipt, BinaryData.FromString(text),
            message.DequeueCount, message.NextVisibleOn, message.InsertedOn, message.ExpiresOn)
        : ParameterBinder.Convert(text, type, plan.Function.TriggerParameter.Name!, plan.Function.Name);

    private async Task MoveToPoisonAsync(QueueTriggerPlan plan, QueueClient queue, string id, string popReceipt, string storedText)
    {
        var poison = plan.Client(plan.QueueName + "-poison");
        await poison.CreateIfNotExistsAsync().ConfigureAwait(false);
        await poison.SendMessageAsync(storedText).ConfigureAwait(false);
        await queue.DeleteMessageAsync(id, popReceipt).ConfigureAwait(false);
        logger.LogWarning("Message {Id} moved to {Poison}.", id, plan.QueueName + "-poison");
    }

    /// <summary>
    /// The message's text as the Functions host reads it: base64 of UTF-8 (null when it is not base64), or as stored
    /// when host.json's messageEncoding is "none".
    /// </summary>
    private static string? Decode(string stored, bool base64)
    {
        if (!base64)
            return stored;
        var bytes = new byte[stored.Length];
        return Convert.TryFromBase64String(stored, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : null;
    }
}

/// <summary>Keeps a message invisible while its function runs by extending its visibility at half the lease.</summary>
internal sealed class VisibilityRenewal
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private string _popReceipt;

    public VisibilityRenewal(QueueClient queue, QueueMessage message, TimeSpan lease)
    {
        _popReceipt = message.PopReceipt;
        _loop = RenewAsync(queue, message.MessageId, lease);
    }

    public async Task<string> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        return _popReceipt;
    }

    private async Task RenewAsync(QueueClient queue, string id, TimeSpan lease)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease / 2, _stop.Token).ConfigureAwait(false);
                // Not cancelled with the loop: an update cut short could change the pop receipt without our knowing the new one.
                var receipt = await queue.UpdateMessageAsync(id, _popReceipt, visibilityTimeout: lease, cancellationToken: CancellationToken.None)
                    .ConfigureAwait(false);
                _popReceipt = receipt.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (RequestFailedException)
        {
            // Lost the message (deleted or handed out again); settling will report it.
        }
    }
}
