using System.Text.Json;
using BillingFunctions.Domain.Processes;

namespace BillingFunctions.App.Processes;

/// <summary>
/// The pure part of one kind of process: its name (that of its orchestrator function), the event its timer delivers,
/// its decision, and how its state, events and effects are written. An orchestrator uses it, so it holds no services.
/// </summary>
public abstract class ProcessKind<TState, TEvent, TEffect>
    where TState : notnull where TEvent : notnull where TEffect : notnull
{
    public abstract string Name { get; }

    /// <summary>The activity function that performs an effect and returns its outcome.</summary>
    public string EffectActivity => Name + "-effect";

    public abstract TEvent Woken { get; }

    public abstract JsonSerializerOptions Json { get; }

    public abstract Decision<TState, TEffect> Decide(TState state, TEvent @event, DateTimeOffset now);

    /// <summary>How the history shows an effect: its kind and idempotency key.</summary>
    public abstract string Describe(TEffect effect);

    public string Write<T>(T value) => JsonSerializer.Serialize(value, Json);

    public T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Json) ?? throw new JsonException($"An empty {typeof(T).Name}.");
}
