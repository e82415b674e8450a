using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Processes;

/// <summary>
/// What every process kind's effect activity does around its own work: read the effect as the kind wrote it, perform
/// it, and answer its outcome stamped with the app's clock, which the orchestration keeps its time offset by.
/// </summary>
public static class ProcessActivity
{
    public static async Task<EffectOutcome> PerformAsync<TState, TEvent, TEffect>(ProcessKind<TState, TEvent, TEffect> kind,
        EffectRequest request, FunctionContext context, Func<IServiceProvider, TEffect, Task<TEvent>> perform)
        where TState : notnull where TEvent : notnull where TEffect : notnull
    {
        var services = context.InstanceServices;
        var outcome = await perform(services, kind.Read<TEffect>(request.Effect)).ConfigureAwait(false);
        return new EffectOutcome(kind.Write(outcome), services.GetRequiredService<TimeProvider>().GetUtcNow());
    }
}
