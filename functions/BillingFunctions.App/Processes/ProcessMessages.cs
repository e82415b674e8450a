namespace BillingFunctions.App.Processes;

/// <summary>
/// An orchestration's input: its tenant, its state as the kind writes it, when it first wakes, and the app's clock when
/// it was started (time travel moves the app's clock away from the task hub's, see <see cref="ProcessOrchestration"/>).
/// <see cref="Seen"/> carries the external event ids already taken in across a continue-as-new; <see cref="First"/> is an
/// event the instance takes in before anything else (the one that started it).
/// </summary>
public sealed record ProcessStart(string Tenant, string State, DateTimeOffset WakeAt, DateTimeOffset ClockAt, IReadOnlyList<string> Seen,
    ProcessMessage? First = null);

/// <summary>
/// What reaches a waiting instance from outside, as its one external event: a process event (a webhook's, the CRM's) with
/// the id it is taken once by, or, with no event, a clock tick (its id, and the app's clock after a time-travel jump).
/// </summary>
public sealed record ProcessMessage(string? EventId, string? Event, DateTimeOffset ClockAt)
{
    public const string Name = "process-message";
}

/// <summary>An effect for the kind's activity to perform, for a tenant.</summary>
public sealed record EffectRequest(string Tenant, string Effect);

/// <summary>The effect's outcome (an event of the process) and the app's clock when it was done.</summary>
public sealed record EffectOutcome(string Event, DateTimeOffset ClockAt);

/// <summary>
/// What an instance shows while it runs (its custom status): its state, when it wakes next by the app's clock, how many
/// decisions it made, and the id of the last clock tick it took in (see <see cref="ProcessInstances.TickAsync"/>), so whoever
/// ticked can tell when it has caught up.
/// </summary>
public sealed record ProcessStatus(string Tenant, string State, DateTimeOffset? WakeAt, int Steps, string? LastEffect, string? Tick);
