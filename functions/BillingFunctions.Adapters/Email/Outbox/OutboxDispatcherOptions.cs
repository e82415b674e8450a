namespace BillingFunctions.Adapters.Email.Outbox;

/// <summary>Settings for <see cref="OutboxDispatcher"/>.</summary>
public sealed class OutboxDispatcherOptions
{
    /// <summary>
    /// How long a claim protects a send in progress. After it, a claim stuck in Sending is taken over (nothing was
    /// accepted yet) and one stuck in Committing is declared uncertain. Must exceed the SMTP timeout.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long a received message stays hidden; an unfinished one reappears after it.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>Messages received more often than this are dropped as poison (and logged).</summary>
    public int MaxDequeueCount { get; set; } = 10;

    /// <summary>Attempts (claims) after which a key the server keeps deferring (4xx) is given up as rejected.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Messages taken per poll (the queue allows up to 32).</summary>
    public int BatchSize { get; set; } = 16;
}

/// <summary>What became of one outbox email.</summary>
public enum OutboxOutcome
{
    /// <summary>Delivered to the SMTP server just now.</summary>
    Sent,

    /// <summary>An earlier attempt with the same key delivered it; nothing was sent.</summary>
    AlreadySent,

    /// <summary>Another dispatcher holds the claim, or a crashed one's lease has not run out: try later.</summary>
    Busy,

    /// <summary>A crash hit while committing; it may or may not have been delivered, and it will not be sent again.</summary>
    Uncertain,

    /// <summary>The server refused it for good.</summary>
    Rejected,

    /// <summary>The server refused it for now; the claim is released for the next attempt.</summary>
    Deferred,
}
