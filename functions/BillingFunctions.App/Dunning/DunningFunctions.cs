using BillingFunctions.App.Processes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace BillingFunctions.App.Dunning;

/// <summary>The dunning orchestration (one per failed invoice) and its activity, which performs one effect.</summary>
public static class DunningFunctions
{
    [Function("dunning")]
    public static Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        ProcessOrchestration.RunAsync(context, DunningKind.Instance);

    [Function("dunning-effect")]
    public static Task<EffectOutcome> PerformAsync([ActivityTrigger] EffectRequest request, FunctionContext context,
        CancellationToken cancellationToken) =>
        ProcessActivity.PerformAsync(DunningKind.Instance, request, context, (services, effect) =>
            services.GetRequiredService<DunningEffects>().PerformAsync(request.Tenant, effect, cancellationToken));
}
