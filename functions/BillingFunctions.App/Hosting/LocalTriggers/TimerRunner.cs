using BillingFunctions.App.Hosting.Timers;

namespace BillingFunctions.App.Hosting.LocalTriggers;

/// <summary>
/// Fires timer functions on their schedules when no Functions host does: runOnStartup, past-due runs after
/// downtime (through the schedule monitor), then each occurrence. Like the host, a timer never overlaps itself
/// and a failed run is not retried; it waits for the next occurrence.
/// </summary>
internal sealed class TimerRunner(
    FunctionCatalog catalog,
    FunctionInvoker invoker,
    ScheduleMonitor monitor,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<TimerRunner> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfterStorageFailure = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Timers.Where(f => LocalTriggerSettings.Includes(configuration, f)).Select(timer => RunAsync(timer, stoppingToken)));

    private async Task RunAsync(TimerFunction function, CancellationToken cancellationToken)
    {
        var schedule = CronSchedule.Parse(LocalTriggerSettings.Resolve(function.Schedule, configuration));
        logger.LogInformation("Local timer {FunctionName} runs on {Schedule}", function.Name, schedule.Expression);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunScheduleAsync(function, schedule, cancellationToken);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Local timer {FunctionName} stopped; restarting in {Delay}", function.Name, RetryAfterStorageFailure);
                await Task.Delay(RetryAfterStorageFailure, time, cancellationToken);
            }
        }
    }

    private async Task RunScheduleAsync(TimerFunction function, CronSchedule schedule, CancellationToken cancellationToken)
    {
        ScheduleStatus? status = null;
        var pastDue = TimeSpan.Zero;
        if (function.UseMonitor)
        {
            var recorded = await monitor.GetStatusAsync(function.Name, cancellationToken);
            (pastDue, status) = await monitor.CheckPastDueAsync(function.Name, time.GetUtcNow(), schedule, recorded, cancellationToken);
        }

        if (pastDue > TimeSpan.Zero)
        {
            logger.LogInformation("Timer {FunctionName} is past due by {PastDue}", function.Name, pastDue);
            status = await FireAsync(function, schedule, status, isPastDue: true, cancellationToken);
        }
        else if (function.RunOnStartup)
        {
            status = await FireAsync(function, schedule, status, isPastDue: false, cancellationToken);
        }

        var after = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (schedule.GetNextOccurrence(after) is not { } next)
            {
                logger.LogWarning("Timer {FunctionName} has no further occurrence", function.Name);
                return;
            }

            // Waits are re-checked at least every minute: Task.Delay may wake a little early, and a time-travel
            // clock may jump past the occurrence meanwhile. Never fire before the occurrence.
            for (var wait = next - time.GetUtcNow(); wait > TimeSpan.Zero; wait = next - time.GetUtcNow())
            {
                await Task.Delay(wait < MaxWait ? wait : MaxWait, time, cancellationToken);
            }

            status = await FireAsync(function, schedule, status is null ? null : status with { Next = next }, isPastDue: false, cancellationToken);
            // Occurrences that passed during a long run are skipped, as the host skips them.
            var finished = time.GetUtcNow();
            after = finished > next ? finished : next;
        }
    }

    private async Task<ScheduleStatus?> FireAsync(
        TimerFunction function, CronSchedule schedule, ScheduleStatus? status, bool isPastDue, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var timer = new TimerInfo(new TimerSchedule(AdjustForDST: true), status, isPastDue);
        var result = await invoker.InvokeAsync(function.Name, HostPayloads.Timer(function, timer, now), cancellationToken);
        if (!result.Succeeded) logger.LogWarning("Timer {FunctionName} failed; it runs again at its next occurrence", function.Name);
        if (status is null) return null;

        var updated = new ScheduleStatus(now, schedule.GetNextOccurrence(now) ?? DateTimeOffset.MaxValue, time.GetUtcNow());
        await monitor.UpdateStatusAsync(function.Name, updated, cancellationToken);
        return updated;
    }
}
