using BillingFunctions.App.Processes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace BillingFunctions.App.MonthEnd;

/// <summary>The month-end invoicing orchestration (one per approval) and its activity, which performs one effect.</summary>
public static class MonthEndInvoicingFunctions
{
    [Function("month-end-invoicing")]
    public static Task<string> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        ProcessOrchestration.RunAsync(context, MonthEndInvoicingKind.Instance);

    [Function("month-end-invoicing-effect")]
    public static Task<EffectOutcome> PerformAsync([ActivityTrigger] EffectRequest request, FunctionContext context,
        CancellationToken cancellationToken) =>
        ProcessActivity.PerformAsync(MonthEndInvoicingKind.Instance, request, context, (services, effect) =>
            services.GetRequiredService<MonthEndInvoicingEffects>().PerformAsync(request.Tenant, effect, cancellationToken));
}
