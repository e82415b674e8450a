using BillingFunctions.App.Processes;
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
    public static Task<EffectOutcome> PerformAsync([ActivityTrigger] EffectRequest request, [DurableClient] DurableTaskClient durable,
        FunctionContext context, CancellationToken cancellationToken) =>
        ProcessActivity.PerformAsync(RenewalKind.Instance, request, context, (services, effect) =>
            services.GetRequiredService<RenewalEffects>().PerformAsync(durable, request.Tenant, effect, cancellationToken));
}
