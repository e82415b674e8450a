using FunctionsLocalHost.Discovery;
using FunctionsLocalHost.Timers;
using Microsoft.Extensions.Configuration;
using SampleWorkerApp;

namespace FunctionsLocalHost.Tests.Timers;

public class TimerScheduleTests
{
    private static TimerSchedule Schedule(string function, Dictionary<string, string?> settings, List<string> problems)
    {
        var found = FunctionCatalog.Discover(typeof(SampleAppRegistration).Assembly).Single(f => f.Name == function);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return TimerSchedule.Resolve(found, new AppSettings(configuration, problems), problems)!;
    }

    [Fact]
    public void A_cron_schedule_is_read_in_WEBSITE_TIME_ZONE()
    {
        var problems = new List<string>();
        var utc = Schedule("Hourly", [], problems);
        var kolkata = Schedule("Hourly", new() { ["WEBSITE_TIME_ZONE"] = "Asia/Kolkata" }, problems);
        var at = new DateTimeOffset(2026, 12, 4, 10, 10, 0, TimeSpan.Zero);

        Assert.Empty(problems);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 11, 0, 0, TimeSpan.Zero), utc.Next(at));
        // Kolkata is UTC+05:30, so its whole hours fall at half past in UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 10, 30, 0, TimeSpan.Zero), kolkata.Next(at));
    }

    [Fact]
    public void A_TimeSpan_schedule_from_a_setting_repeats_from_the_last_firing()
    {
        var schedule = Schedule("FromSetting", new() { ["SampleSchedule"] = "00:20:00" }, []);
        var at = new DateTimeOffset(2026, 12, 4, 10, 10, 0, TimeSpan.Zero);

        Assert.Equal(at.AddMinutes(20), schedule.Next(at));
    }

    [Fact]
    public void An_unknown_time_zone_is_a_startup_problem_naming_the_function()
    {
        var problems = new List<string>();

        Schedule("Hourly", new() { ["WEBSITE_TIME_ZONE"] = "Mars/Olympus" }, problems);

        Assert.Contains(problems, p => p.Contains("'Hourly'") && p.Contains("Mars/Olympus"));
    }
}
