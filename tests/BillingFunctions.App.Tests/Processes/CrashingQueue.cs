using BillingFunctions.Adapters.Storage;

namespace BillingFunctions.App.Tests.Processes;

/// <summary>Sends the n-th wake-up message and then crashes, or drops it unsent when <c>lose</c> is set.</summary>
internal sealed class CrashingQueue(string connectionString, string name, int crashAfterSend = 0, bool lose = false)
    : QueueClient(connectionString, name)
{
    private int sends;

    public override async Task<SendReceipt> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null,
        CancellationToken cancellationToken = default)
    {
        var n = Interlocked.Increment(ref sends);
        if (lose && n == crashAfterSend) throw new SimulatedCrash($"losing wake-up {n}");
        var receipt = await base.SendMessageAsync(messageText, visibilityTimeout, timeToLive, cancellationToken);
        if (n == crashAfterSend) throw new SimulatedCrash($"wake-up {n}");
        return receipt;
    }
}
