namespace BillingFunctions.Domain.Dunning;

public enum DunningStatus
{
    NotStarted,

    /// <summary>Waiting for the next scheduled retry.</summary>
    WaitingToRetry,

    /// <summary>A retry charge was issued; its outcome has not come back yet.</summary>
    Charging,

    /// <summary>A hard decline: waiting for the customer to give a new card until the window closes.</summary>
    AwaitingNewCard,

    Recovered,

    /// <summary>Stopped because the invoice was voided or put on hold.</summary>
    Stopped,

    /// <summary>Every attempt failed; the final step ran.</summary>
    Exhausted,
}

public enum DunningHistoryKind
{
    PaymentFailed, RetryScheduled, RetryCharged, CardUpdateRequested, CardUpdated,
    Recovered, Voided, Held, Exhausted,
}

/// <summary>One line of the timeline the CRM shows on the invoice.</summary>
public sealed record DunningHistoryEntry(DateTimeOffset At, int Step, DunningHistoryKind Kind, string? DeclineCode = null);

/// <summary>
/// Where one invoice's dunning stands. <see cref="Step"/> counts decisions that caused side effects;
/// <see cref="RetriesUsed"/> counts retry charges issued.
/// </summary>
public sealed record DunningState(
    string InstanceId,
    DunningPolicy Policy,
    DunningStatus Status,
    int Step,
    int RetriesUsed,
    DateTimeOffset? StartedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? CardDeadline,
    string? LastDeclineCode,
    IReadOnlyList<DunningHistoryEntry> History)
{
    /// <summary>The instance id is deterministic (<c>dunning:{invoice}</c>), so starting twice finds the same process.</summary>
    public static string InstanceIdFor(string invoiceId) => $"dunning:{invoiceId}";

    public static DunningState New(string invoiceId, DunningPolicy policy) =>
        new(InstanceIdFor(invoiceId), policy, DunningStatus.NotStarted, 0, 0, null, null, null, null, []);

    public bool IsFinished => Status is DunningStatus.Recovered or DunningStatus.Stopped or DunningStatus.Exhausted;

    public int RetriesLeft => Policy.RetryDelays.Count - RetriesUsed;
}
