using System.Collections.Concurrent;

namespace StripeEmulator.Webhooks;

/// <summary>One delivery attempt, as listed by <c>GET /_emulator/webhooks/deliveries</c>.</summary>
internal sealed record DeliveryAttempt(string EventId, string EventType, string Url, int Attempt, int Status, string? Error, DateTimeOffset At);

internal sealed class DeliveryLog
{
    private const int Capacity = 2000;
    private readonly ConcurrentQueue<DeliveryAttempt> _attempts = new();

    public void Add(DeliveryAttempt attempt)
    {
        _attempts.Enqueue(attempt);
        while (_attempts.Count > Capacity) _attempts.TryDequeue(out _);
    }

    public IReadOnlyList<DeliveryAttempt> All() => [.. _attempts];
}
