using BillingFunctions.App.Processes;
using BillingFunctions.Domain.Renewals;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Subscriptions;

/// <summary>The renewal orchestration (one per subscription and period) and its activity, which performs one effect.</summary>
public static class RenewalFunctions
{
    [Function("renewal")]
    public static Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        ProcessOrchestration.RunAsync(context, RenewalKind.Instance);

    [Function("renewal-effect")]
    public static async Task<EffectOutcome> PerformAsync([ActivityTrigger] EffectRequest request, [DurableClient] DurableTaskClient durable,
        FunctionContext context, CancellationToken cancellationToken)
    {
        var kind = RenewalKind.Instance;
        var services = context.InstanceServices;
        var outcome = await services.GetRequiredService<RenewalEffects>()
            .PerformAsync(durable, request.Tenant, kind.Read<RenewalEffect>(request.Effect), cancellationToken).ConfigureAwait(false);
        return new EffectOutcome(kind.Write(outcome), services.GetRequiredService<TimeProvider>().GetUtcNow());
    }
}
