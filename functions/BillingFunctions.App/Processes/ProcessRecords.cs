using Azure;

namespace BillingFunctions.App.Processes;

/// <summary>An event waiting in an instance's inbox: an effect's outcome, or an external event with its id.</summary>
public sealed record InboxEvent(string? Id, string Json);

/// <summary>One instance as stored: state and inbox as JSON, step count, next wake-up (none once completed).</summary>
public sealed record ProcessRecord
{
    public required string Tenant { get; init; }
    public required string InstanceId { get; init; }
    public required string Type { get; init; }
    public required string State { get; init; }
    public IReadOnlyList<InboxEvent> Inbox { get; init; } = [];
    /// <summary>Ids of external events already taken in, so a redelivered webhook is taken once.</summary>
    public IReadOnlyList<string> Seen { get; init; } = [];
    public int Step { get; init; }
    public DateTimeOffset? WakeAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public ETag ETag { get; init; }
    /// <summary>Failed attempts at the current step since it last succeeded; the first one's time.</summary>
    public int Failures { get; init; }
    public DateTimeOffset? FailingSince { get; init; }
    public string? LastError { get; init; }
    /// <summary>Set when a step kept failing too long: neither the queue nor the sweep runs it until resumed.</summary>
    public bool Suspended { get; init; }
    public bool Completed => WakeAt is null;
}

/// <summary>One step of an instance: what woke it, what it did, when it sleeps till.</summary>
public sealed record ProcessStep(int Step, DateTimeOffset At, string Event, IReadOnlyList<string> Effects, DateTimeOffset? WakeAt);

/// <summary>What the queue carries: which instance to step, and for a timer the wake-up it was sent for.</summary>
public sealed record WakeMessage(string Tenant, string InstanceId, DateTimeOffset? Target);

/// <summary>An instance's state and history, for the endpoint that shows them.</summary>
public sealed record ProcessView(string Tenant, string InstanceId, string Type, string State, int Step,
    DateTimeOffset? WakeAt, bool Completed, int PendingEvents, IReadOnlyList<ProcessStep> History,
    int Failures = 0, string? LastError = null, bool Suspended = false);
