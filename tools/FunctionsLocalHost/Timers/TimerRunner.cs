using FunctionsLocalHost.Discovery;
using FunctionsLocalHost.Invocation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsLocalHost.Timers;

/// <summary>
/// Fires one timer function: at start once if it is past due (its recorded Next has gone by) or RunOnStartup asks,
/// then at each occurrence of its schedule, recording the schedule status after each run when the timer uses the monitor.
/// </summary>
internal sealed class TimerRunner(LocalFunction function, TimerSchedule schedule, ScheduleMonitor? monitor, TimeProvider clock,
    FunctionInvoker invoker, IServiceProvider services, ILogger logger)
{
    /// <summary>The longest single wait: timers cannot wait much past 49 days at once, and yearly schedules exist.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            var now = clock.GetUtcNow();
            var status = monitor is null ? null : await monitor.ReadAsync(function.Name, schedule.Expression, stopping).ConfigureAwait(false);
            DateTimeOffset next;
            if (status is not null && new DateTimeOffset(status.Next, TimeSpan.Zero) < now)
            {
                logger.LogInformation("Timer {Function} is past due (it was due at {Next:O}).", function.Name, status.Next);
                await FireAsync(isPastDue: true, new DateTimeOffset(status.Next, TimeSpan.Zero), stopping).ConfigureAwait(false);
                next = schedule.Next(clock.GetUtcNow());
            }
            else
            {
                next = status is not null ? new DateTimeOffset(status.Next, TimeSpan.Zero) : schedule.Next(now);
                if (status is null && monitor is not null)
                    await monitor.WriteAsync(function.Name, schedule.Expression, Status(default, next), stopping).ConfigureAwait(false);
                if (((TimerTriggerAttribute)function.Trigger).RunOnStartup)
                    await FireAsync(isPastDue: false, next, stopping, recordStatus: false).ConfigureAwait(false);
            }
            while (!stopping.IsCancellationRequested)
            {
                await WaitUntilAsync(next, stopping).ConfigureAwait(false);
                await FireAsync(isPastDue: false, next, stopping).ConfigureAwait(false);
                // From now, not from the occurrence just run: occurrences that went by meanwhile (a long run, a clock
                // moved forward) are skipped, not fired one after another, as the Functions host does.
                var current = clock.GetUtcNow();
                next = schedule.Next(next > current ? next : current);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs the function for the occurrence due at <paramref name="due"/>, then records it as Last.</summary>
    private async Task FireAsync(bool isPastDue, DateTimeOffset due, CancellationToken stopping, bool recordStatus = true)
    {
        var following = schedule.Next(due > clock.GetUtcNow() ? due : clock.GetUtcNow());
        var status = Status(due, following);
        var info = new TimerInfo { IsPastDue = isPastDue, ScheduleStatus = status };
        await using (var scope = services.CreateAsyncScope())
        {
            var context = new LocalFunctionContext(function, scope.ServiceProvider, _ => info, new Dictionary<string, object?>(), stopping);
            try
            {
                await invoker.InvokeAsync(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                logger.LogError(e, "Timer function {Function} failed.", function.Name);
            }
        }
        if (recordStatus && monitor is not null)
            await monitor.WriteAsync(function.Name, schedule.Expression, status, stopping).ConfigureAwait(false);
    }

    private ScheduleStatus Status(DateTimeOffset last, DateTimeOffset next) =>
        new() { Last = last.UtcDateTime, Next = next.UtcDateTime, LastUpdated = clock.GetUtcNow().UtcDateTime };

    private async Task WaitUntilAsync(DateTimeOffset due, CancellationToken stopping)
    {
        for (var left = due - clock.GetUtcNow(); left > TimeSpan.Zero; left = due - clock.GetUtcNow())
            await Task.Delay(left < LongestWait ? left : LongestWait, clock, stopping).ConfigureAwait(false);
    }
}
