using System.Text.Json;
using BillingFunctions.Domain.Processes;

namespace BillingFunctions.App.Processes;

/// <summary>
/// One kind of durable process: its pure decision, the event its timer delivers, how its state, events and
/// effects are stored, and how its effects are performed (each with the idempotency key the decision gave it).
/// </summary>
public abstract class ProcessDefinition<TState, TEvent, TEffect>
    where TState : notnull where TEvent : notnull where TEffect : notnull
{
    /// <summary>Stored with every instance, so one table holds every kind and each sweep finds its own.</summary>
    public abstract string Name { get; }

    public abstract TEvent Woken { get; }

    public abstract JsonSerializerOptions Json { get; }

    public abstract Decision<TState, TEffect> Decide(TState state, TEvent @event, DateTimeOffset now);

    /// <summary>Performs one effect and returns its outcome, which the process decides on next.</summary>
    public abstract Task<TEvent> PerformAsync(ProcessRuntime<TState, TEvent, TEffect> runtime, string tenant, TEffect effect,
        CancellationToken cancellationToken);

    /// <summary>How the history shows an effect: its kind and idempotency key.</summary>
    public abstract string Describe(TEffect effect);
}
