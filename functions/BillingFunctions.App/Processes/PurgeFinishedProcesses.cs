using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Processes;

/// <summary>
/// Timer: daily, removes from the task hub the instances that ended (completed, failed or terminated) and were created
/// more than <c>Processes:KeepFinishedDays</c> (default 90) days ago, with their history. Without it the hub's instance
/// and history tables grow by every renewal, dunning, reminder and invoicing forever, and every query on them with it,
/// as Durable Functions' guidance warns. A process runs for weeks at most (a dunning window is 60 days at most), so 90
/// days keeps every running one and a quarter of finished ones for operators to read.
/// </summary>
public static partial class PurgeFinishedProcessesFunction
{
    public const string KeepFinishedDaysSetting = "Processes:KeepFinishedDays";

    private static readonly OrchestrationRuntimeStatus[] Ended =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    [Function("purge-finished-processes")]
    public static async Task RunAsync([TimerTrigger("0 40 3 * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable,
        FunctionContext context, CancellationToken cancellationToken)
    {
        var days = context.InstanceServices.GetRequiredService<IConfiguration>().GetValue(KeepFinishedDaysSetting, 90);
        if (days < 0) throw new InvalidOperationException($"{KeepFinishedDaysSetting} is {days}; it is a number of days, 0 or more.");
        // The hub stamps instances with its own clock, which is real time even when the app's clock travels.
        var createdBefore = TimeProvider.System.GetUtcNow() - TimeSpan.FromDays(days);
        var purged = await durable.PurgeAllInstancesAsync(new PurgeInstancesFilter(null, createdBefore, Ended), cancellationToken);
        LogPurged(context.GetLogger(nameof(PurgeFinishedProcessesFunction)), purged.PurgedInstanceCount, createdBefore);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} ended process instances created before {CreatedBefore}")]
    private static partial void LogPurged(ILogger logger, int count, DateTimeOffset createdBefore);
}
