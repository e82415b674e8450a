using BillingFunctions.Domain.Processes;
using Microsoft.DurableTask;

namespace BillingFunctions.App.Processes;

/// <summary>
/// Runs a process kind's pure decision as a Durable orchestration: each event is decided on, each effect is an
/// activity (retried on transient faults; an effect that keeps failing fails the instance, visibly, with its error),
/// each outcome is decided on next, before anything from outside, and a wait is a durable timer raced with the
/// instance's external messages. Every value comes from the history, so a replay after a crash decides the same.
/// <para>
/// Time: the decision gets the app's clock, which time travel moves away from the task hub's. The orchestration
/// keeps the offset between them as it last learnt it (from its start, an effect's outcome or a message, each
/// stamped with the app's clock), so its timers fire at the app's moment; after a jump the clock tick sent to running
/// instances brings the new offset and cuts their waits short.
/// </para>
/// </summary>
public static class ProcessOrchestration
{
    /// <summary>Decisions per execution before the history is cut with a continue-as-new.</summary>
    private const int StepsPerExecution = 100;

    private const int SeenEventsKept = 50;

    public static readonly TaskOptions EffectRetries = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    public static async Task<string> RunAsync<TState, TEvent, TEffect>(TaskOrchestrationContext context, ProcessKind<TState, TEvent, TEffect> kind)
        where TState : notnull where TEvent : notnull where TEffect : notnull
    {
        var start = context.GetInput<ProcessStart>() ?? throw new InvalidOperationException($"{context.InstanceId} has no input.");
        var offset = start.ClockAt - context.CurrentUtcDateTime;
        var state = kind.Read<TState>(start.State);
        var wakeAt = start.WakeAt;
        var seen = start.Seen.ToList();
        var first = start.First;
        var outcomes = new Queue<TEvent>();
        string? tick = null;
        string? lastEffect = null;

        for (var steps = 0; ; steps++)
        {
            TEvent @event;
            if (outcomes.Count > 0)
            {
                @event = outcomes.Dequeue();
            }
            else if (first is null && wakeAt <= context.CurrentUtcDateTime + offset)
            {
                @event = kind.Woken;
            }
            else
            {
                if (first is null && steps >= StepsPerExecution)
                {
                    context.ContinueAsNew(new ProcessStart(start.Tenant, kind.Write(state), wakeAt, context.CurrentUtcDateTime + offset,
                        seen.TakeLast(SeenEventsKept).ToList()));
                    return kind.Write(state);
                }
                context.SetCustomStatus(new ProcessStatus(start.Tenant, kind.Write(state), wakeAt, steps, lastEffect, tick));
                var message = first ?? await NextMessageAsync(context, (wakeAt - offset).UtcDateTime);
                first = null;
                if (message is null)
                {
                    @event = kind.Woken;
                }
                else
                {
                    offset = message.ClockAt - context.CurrentUtcDateTime;
                    if (message.Event is null)
                    {
                        tick = message.EventId;
                        steps--;
                        continue;
                    }
                    if (message.EventId is null || seen.Contains(message.EventId))
                    {
                        steps--;
                        continue;
                    }
                    seen.Add(message.EventId);
                    @event = kind.Read<TEvent>(message.Event);
                }
            }

            var decision = kind.Decide(state, @event, context.CurrentUtcDateTime + offset);
            foreach (var effect in decision.Effects)
            {
                lastEffect = kind.Describe(effect);
                var outcome = await context.CallActivityAsync<EffectOutcome>(kind.EffectActivity,
                    new EffectRequest(start.Tenant, kind.Write(effect)), EffectRetries);
                offset = outcome.ClockAt - context.CurrentUtcDateTime;
                outcomes.Enqueue(kind.Read<TEvent>(outcome.Event));
            }
            state = decision.State;
            if (decision.WakeAt is not { } next)
            {
                context.SetCustomStatus(new ProcessStatus(start.Tenant, kind.Write(state), null, steps + 1, lastEffect, tick));
                return kind.Write(state);
            }
            wakeAt = next;
        }
    }

    /// <summary>The instance's next message, or null when the timer (at the hub's time <paramref name="fireAt"/>) comes first.</summary>
    private static async Task<ProcessMessage?> NextMessageAsync(TaskOrchestrationContext context, DateTime fireAt)
    {
        using var timerCancellation = new CancellationTokenSource();
        var message = context.WaitForExternalEvent<ProcessMessage>(ProcessMessage.Name);
        var timer = context.CreateTimer(fireAt, timerCancellation.Token);
        if (await Task.WhenAny(message, timer) == timer) return null;
        // Synchronously: a pending timer keeps an orchestration from completing, and CancelAsync would resume it off
        // the replay thread.
        timerCancellation.Cancel();
        return message.Result;
    }
}
