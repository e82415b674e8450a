using Azure.Storage.Queues;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Webhooks;

/// <summary>Puts stored events on <c>stripe-events</c> for <see cref="ApplyStripeEventFunction"/>.</summary>
public class StripeEventQueue(StorageAccounts storage)
{
    private QueueClient Queue => storage.GetQueueService().GetQueueClient(StripeEventMessage.QueueName);

    public virtual Task EnqueueAsync(StripeEventMessage message, CancellationToken cancellationToken) =>
        Queue.SendMessageAsync(message.ToJson(), cancellationToken: cancellationToken);
}
