using Azure.Storage.Queues;

namespace BillingFunctions.Adapters.Email.Outbox;

/// <summary>
/// Puts emails on the outbox queue for <see cref="OutboxDispatcher"/>. Enqueueing the same key twice is fine:
/// the dispatcher sends a key once. Thread-safe.
/// </summary>
public class EmailOutbox
{
    private readonly QueueClient _queue = null!;

    /// <summary>For mocking only.</summary>
    protected EmailOutbox()
    {
    }

    /// <summary>Creates an outbox writing to <paramref name="queue"/> (conventionally named "outbox").</summary>
    public EmailOutbox(QueueClient queue) => _queue = queue;

    /// <summary>Enqueues one email; it goes out when the dispatcher next polls, or after <paramref name="delay"/> (at most 7 days).</summary>
    public virtual async Task EnqueueAsync(OutboxEmail email, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentException.ThrowIfNullOrEmpty(email.IdempotencyKey);
        ArgumentException.ThrowIfNullOrEmpty(email.TenantId);
        await _queue.SendMessageAsync(email.ToJson(), delay, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
