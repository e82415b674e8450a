using System.Text.Json;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Processes;

/// <summary>The two functions every durable process is hosted by: its wake-up queue function and its sweep.</summary>
public static class ProcessFunctions
{
    /// <summary>How overdue a wake-up must be before the sweep assumes its message was lost.</summary>
    public static readonly TimeSpan SweepGrace = TimeSpan.FromMinutes(5);

    /// <summary>Every sweep's schedule: every five minutes.</summary>
    public const string SweepSchedule = "0 */5 * * * *";

    /// <summary>
    /// Steps the instance a wake-up names. A step that throws fails the invocation, so the host delivers the
    /// message again and the step repeats with the same idempotency keys.
    /// </summary>
    public static Task StepAsync<TState, TEvent, TEffect>(string message, FunctionContext context, CancellationToken cancellationToken)
        where TState : notnull where TEvent : notnull where TEffect : notnull =>
        context.InstanceServices.GetRequiredService<ProcessRuntime<TState, TEvent, TEffect>>()
            .RunAsync(JsonSerializer.Deserialize<WakeMessage>(message) ?? throw new JsonException("An empty wake-up."), cancellationToken);

    /// <summary>Timer safety net: re-sends wake-ups overdue by more than <see cref="SweepGrace"/>.</summary>
    public static async Task SweepAsync<TState, TEvent, TEffect>(FunctionContext context, CancellationToken cancellationToken)
        where TState : notnull where TEvent : notnull where TEffect : notnull
    {
        var count = await context.InstanceServices.GetRequiredService<ProcessRuntime<TState, TEvent, TEffect>>()
            .SweepAsync(SweepGrace, cancellationToken);
        var name = context.FunctionDefinition.Name;
        context.GetLogger(name).LogInformation("Sweep {Function} re-sent {Count} overdue wake-ups", name, count);
    }
}
