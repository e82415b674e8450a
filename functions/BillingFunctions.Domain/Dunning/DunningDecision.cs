namespace BillingFunctions.Domain.Dunning;

/// <summary>The outcome of one decision: effects to perform, the state to save, and when to wake next (null: never).</summary>
public sealed record DunningDecision(IReadOnlyList<DunningEffect> Effects, DunningState State, DateTimeOffset? NextWakeAt);
