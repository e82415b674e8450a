using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using BillingFunctions.Adapters.AzureStorage;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>Sends the n-th message and then crashes: its caller never hears that it was sent.</summary>
internal sealed class CrashingQueue(string connectionString, string name, int crashAfterSend)
    : QueueClient(connectionString, name, StorageExtensions.QueueOptions())
{
    private int _sends;

    public override async Task<Response<SendReceipt>> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null,
        TimeSpan? timeToLive = null,
        CancellationToken cancellationToken = default)
    {
        var n = Interlocked.Increment(ref _sends);
        var receipt = await base.SendMessageAsync(messageText, visibilityTimeout, timeToLive, cancellationToken);
        if (n == crashAfterSend) throw new SimulatedCrash($"message {n}");
        return receipt;
    }
}
