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
    public static async Task<EffectOutcome> PerformAsync([ActivityTrigger] EffectRequest request, FunctionContext context,
        CancellationToken cancellationToken)
    {
        var kind = MonthEndInvoicingKind.Instance;
        var services = context.InstanceServices;
        var outcome = await services.GetRequiredService<MonthEndInvoicingEffects>()
            .PerformAsync(request.Tenant, kind.Read<MonthEndInvoicingEffect>(request.Effect), cancellationToken).ConfigureAwait(false);
        return new EffectOutcome(kind.Write(outcome), services.GetRequiredService<TimeProvider>().GetUtcNow());
    }
}
