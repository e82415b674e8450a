using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace SampleWorkerApp.Queues;

public record Order(string Number, long AmountMinor);

public class QueueFunctions(InvocationLog log)
{
    /// <summary>Fails a message whose text starts with "fail"; "slow" messages take a while, so concurrency shows.</summary>
    [Function("ProcessText")]
    public async Task ProcessText([QueueTrigger("%TextQueue%", Connection = "SampleStorage")] string message, long dequeueCount,
        CancellationToken cancellationToken)
    {
        using var running = log.Running();
        log.Add($"ProcessText {message} try {dequeueCount}");
        if (message.StartsWith("fail", StringComparison.Ordinal))
            throw new InvalidOperationException($"cannot process {message}");
        if (message.StartsWith("slow", StringComparison.Ordinal))
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
        if (message.StartsWith("long", StringComparison.Ordinal))
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                log.Add($"ProcessText {message} cancelled");
                throw;
            }
        }
    }

    [Function("ProcessOrder")]
    public void ProcessOrder([QueueTrigger("%OrderQueue%", Connection = "SampleStorage")] Order order, string id, DateTimeOffset insertionTime,
        long dequeueCount) =>
        log.Add($"ProcessOrder {order.Number} {order.AmountMinor} id={id.Length > 0} inserted={insertionTime > DateTimeOffset.MinValue} "
            + $"try {dequeueCount}");

    [Function("ProcessRaw")]
    public void ProcessRaw([QueueTrigger("%RawQueue%", Connection = "SampleStorage")] QueueMessage message) =>
        log.Add($"ProcessRaw {message.Body} try {message.DequeueCount}");
}
