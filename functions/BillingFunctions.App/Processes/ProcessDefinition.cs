namespace BillingFunctions.App.Processes;

/// <summary>
/// One kind of durable process: its pure decision, the event its timer delivers, how its state, events and
/// effects are stored, and how its effects are performed (each with the idempotency key the decision gave it).
/// </summary>
public abstract class ProcessDefinition<TState, TEvent, TEffect> : ProcessKind<TState, TEvent, TEffect>
    where TState : notnull where TEvent : notnull where TEffect : notnull
{
    /// <summary>Performs one effect and returns its outcome, which the process decides on next.</summary>
    public abstract Task<TEvent> PerformAsync(ProcessRuntime<TState, TEvent, TEffect> runtime, string tenant, TEffect effect,
        CancellationToken cancellationToken);
}
