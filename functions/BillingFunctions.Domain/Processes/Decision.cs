namespace BillingFunctions.Domain.Processes;

/// <summary>
/// What a process decided on one event: its next state, the side effects to perform (in order, each
/// carrying its own idempotency key), and when to wake it next. A completed process never wakes again.
/// </summary>
public sealed record Decision<TState, TEffect>(TState State, IReadOnlyList<TEffect> Effects, DateTimeOffset? WakeAt)
{
    public bool Completed => WakeAt is null;

    public static Decision<TState, TEffect> Sleep(TState state, DateTimeOffset until) => new(state, [], until);
    public static Decision<TState, TEffect> Perform(TState state, TEffect effect, DateTimeOffset now) => new(state, [effect], now);
    public static Decision<TState, TEffect> Complete(TState state) => new(state, [], null);
}
