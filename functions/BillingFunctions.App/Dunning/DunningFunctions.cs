using System.Text.Json;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Dunning;

namespace BillingFunctions.App.Dunning;

/// <summary>
/// Queue function on <c>dunning-wakeups</c>: steps the instance a wake-up names. A step that throws fails the
/// invocation, so the host delivers the message again and the step repeats with the same idempotency keys.
/// </summary>
public static class StepDunningFunction
{
    public static readonly QueueFunction Declaration = new("step-dunning", DunningServices.WakeupQueue, HandleAsync);

    private static Task HandleAsync(string message, FunctionContext context, CancellationToken cancellationToken) =>
        context.Services.GetRequiredService<ProcessRuntime<DunningState, DunningEvent, DunningEffect>>()
            .RunAsync(JsonSerializer.Deserialize<WakeMessage>(message) ?? throw new JsonException("An empty wake-up."), cancellationToken);
}

/// <summary>Timer safety net: re-sends dunning wake-ups overdue by more than the grace, whose messages were lost.</summary>
public static class SweepDunningFunction
{
    public static readonly TimerFunction Declaration = new("sweep-dunning", "0 */5 * * * *", HandleAsync);

    private static async Task HandleAsync(TimerInfo timer, FunctionContext context, CancellationToken cancellationToken)
    {
        var runtime = context.Services.GetRequiredService<ProcessRuntime<DunningState, DunningEvent, DunningEffect>>();
        var count = await runtime.SweepAsync(SweepRenewalsFunction.Grace, cancellationToken);
        context.Logger.LogInformation("Dunning sweep re-sent {Count} overdue wake-ups", count);
    }
}
