namespace BillingFunctions.App.Hosting.LocalTriggers;

internal static class LocalTriggerExtensions
{
    /// <summary>The timer and queue runners, with host.json's queue settings and the schedule monitor's table.</summary>
    public static IServiceCollection AddLocalTriggers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => HostJson.ReadQueueOptions(HostJson.Locate(configuration)));
        services.AddSingleton<ScheduleMonitor>();
        services.AddHostedService<TimerRunner>();
        services.AddHostedService<QueueRunner>();
        return services;
    }
}
