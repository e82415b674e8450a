using Microsoft.Azure.Functions.Worker;

namespace SampleWorkerApp.Timers;

public class TimerFunctions(InvocationLog log)
{
    [Function("Hourly")]
    public void Hourly([TimerTrigger("0 0 * * * *")] TimerInfo timer) =>
        log.Add($"Hourly pastDue={timer.IsPastDue} next={timer.ScheduleStatus?.Next:O}");

    [Function("AtStartup")]
    public void AtStartup([TimerTrigger("0 0 0 1 1 *", RunOnStartup = true)] TimerInfo timer, FunctionContext context) =>
        log.Add($"AtStartup pastDue={timer.IsPastDue} cancelled={context.CancellationToken.IsCancellationRequested}");

    [Function("FromSetting")]
    public void FromSetting([TimerTrigger("%SampleSchedule%", UseMonitor = false)] TimerInfo timer) => log.Add("FromSetting");
}
