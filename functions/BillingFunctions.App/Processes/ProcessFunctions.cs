using System.Text.Json;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Processes;

/// <summary>The two functions every durable process is hosted by: its wake-up queue function and its sweep.</summary>
public static class ProcessFunctions
{
    /// <summary>How overdue a wake-up must be before the sweep assumes its message was lost.</summary>
    public static readonly TimeSpan SweepGrace = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Steps the instance a wake-up names. A step that throws fails the invocation, so the host delivers the
    /// message again and the step repeats with the same idempotency keys.
    /// </summary>
    public static QueueFunction Step<TState, TEvent, TEffect>(string name, string wakeupQueue)
        where TState : notnull where TEvent : notnull where TEffect : notnull => new(name, wakeupQueue,
        (message, context, cancellationToken) => context.Services.GetRequiredService<ProcessRuntime<TState, TEvent, TEffect>>()
            .RunAsync(JsonSerializer.Deserialize<WakeMessage>(message) ?? throw new JsonException("An empty wake-up."), cancellationToken));

    /// <summary>Timer safety net: every five minutes, re-sends wake-ups overdue by more than <see cref="SweepGrace"/>.</summary>
    public static TimerFunction Sweep<TState, TEvent, TEffect>(string name)
        where TState : notnull where TEvent : notnull where TEffect : notnull => new(name, "0 */5 * * * *",
        async (timer, context, cancellationToken) =>
        {
            var count = await context.Services.GetRequiredService<ProcessRuntime<TState, TEvent, TEffect>>()
                .SweepAsync(SweepGrace, cancellationToken);
            context.Logger.LogInformation("Sweep {Function} re-sent {Count} overdue wake-ups", name, count);
        });
}
