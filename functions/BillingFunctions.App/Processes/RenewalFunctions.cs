using System.Text.Json;
using BillingFunctions.App.Hosting;
using BillingFunctions.Domain.Renewals;

namespace BillingFunctions.App.Processes;

/// <summary>
/// Queue function on <c>renewal-wakeups</c>: steps the instance a wake-up names. A step that throws fails the
/// invocation, so the host delivers the message again and the step repeats with the same idempotency keys.
/// </summary>
public static class StepRenewalFunction
{
    public static readonly QueueFunction Declaration = new("step-renewal", RenewalServices.WakeupQueue, HandleAsync);

    private static Task HandleAsync(string message, FunctionContext context, CancellationToken cancellationToken) =>
        context.Services.GetRequiredService<ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect>>()
            .RunAsync(JsonSerializer.Deserialize<WakeMessage>(message) ?? throw new JsonException("An empty wake-up."), cancellationToken);
}

/// <summary>Timer safety net: re-sends wake-ups overdue by more than <see cref="Grace"/>, whose messages were lost.</summary>
public static class SweepRenewalsFunction
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    public static readonly TimerFunction Declaration = new("sweep-renewals", "0 */5 * * * *", HandleAsync);

    private static async Task HandleAsync(TimerInfo timer, FunctionContext context, CancellationToken cancellationToken)
    {
        var runtime = context.Services.GetRequiredService<ProcessRuntime<RenewalState, RenewalEvent, RenewalEffect>>();
        var count = await runtime.SweepAsync(Grace, cancellationToken);
        context.Logger.LogInformation("Renewal sweep re-sent {Count} overdue wake-ups", count);
    }
}
