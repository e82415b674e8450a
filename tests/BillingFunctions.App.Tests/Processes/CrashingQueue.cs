using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using BillingFunctions.Adapters.AzureStorage;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>Sends the n-th wake-up message and then crashes, or drops it unsent when <c>lose</c> is set.</summary>
internal sealed class CrashingQueue(string connectionString, string name, int crashAfterSend = 0, bool lose = false)
    : QueueClient(connectionString, name, StorageExtensions.QueueOptions())
{
    private int _sends;

    public override async Task<Response<SendReceipt>> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null,
        TimeSpan? timeToLive = null,
        CancellationToken cancellationToken = default)
    {
        var n = Interlocked.Increment(ref _sends);
        if (lose && n == crashAfterSend) throw new SimulatedCrash($"losing wake-up {n}");
        var receipt = await base.SendMessageAsync(messageText, visibilityTimeout, timeToLive, cancellationToken);
        if (n == crashAfterSend) throw new SimulatedCrash($"wake-up {n}");
        return receipt;
    }
}
