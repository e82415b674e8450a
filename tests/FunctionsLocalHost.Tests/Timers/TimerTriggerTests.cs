using FunctionsLocalHost.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FunctionsLocalHost.Tests.Timers;

public class TimerTriggerTests
{
    private static readonly DateTimeOffset HalfPastTen = new(2026, 12, 4, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunOnStartup_fires_once_at_start_through_the_middleware_and_is_not_past_due()
    {
        await using var host = await SampleHost.StartAsync(clock: new FakeTimeProvider(HalfPastTen));

        await SampleHost.Eventually(() => host.Log().Entries.Contains("after AtStartup"), "AtStartup to run");

        Assert.Equal(["before AtStartup", "AtStartup pastDue=False cancelled=False", "after AtStartup"],
            host.Log().Entries.Where(e => e.Contains("AtStartup")));
        Assert.DoesNotContain(host.Log().Entries, e => e.StartsWith("Hourly"));
    }

    [Fact]
    public async Task A_cron_timer_fires_when_its_occurrence_comes_and_reports_the_next_one()
    {
        var clock = new FakeTimeProvider(HalfPastTen);
        await using var host = await SampleHost.StartAsync(clock: clock);
        await SampleHost.Eventually(() => host.Log().Entries.Contains("after AtStartup"), "the host to be running");

        clock.Advance(TimeSpan.FromMinutes(29));
        await Task.Delay(300);
        Assert.DoesNotContain(host.Log().Entries, e => e.StartsWith("Hourly"));
        clock.Advance(TimeSpan.FromMinutes(1));
        await SampleHost.Eventually(() => host.Log().Entries.Any(e => e.StartsWith("Hourly")), "Hourly at 11:00");

        Assert.Equal("Hourly pastDue=False next=2026-12-04T12:00:00.0000000Z", host.Log().Entries.Single(e => e.StartsWith("Hourly")));
    }

    [Fact]
    public async Task A_clock_moved_a_day_ahead_fires_an_hourly_timer_once_not_for_every_hour_it_skipped()
    {
        var clock = new FakeTimeProvider(HalfPastTen);
        await using var host = await SampleHost.StartAsync(clock: clock);
        await SampleHost.Eventually(() => host.Log().Entries.Contains("after AtStartup"), "the host to be running");

        clock.Advance(TimeSpan.FromDays(1));
        await SampleHost.Eventually(() => host.Log().Entries.Any(e => e.StartsWith("Hourly")), "Hourly after the jump");
        await Task.Delay(500);

        Assert.Equal("Hourly pastDue=False next=2026-12-05T11:00:00.0000000Z", host.Log().Entries.Single(e => e.StartsWith("Hourly")));
    }

    [Fact]
    public async Task A_timer_whose_occurrence_passed_while_the_host_was_down_runs_past_due_after_a_restart()
    {
        var settings = SampleHost.Settings();
        var clock = new FakeTimeProvider(HalfPastTen);
        await using (var first = await SampleHost.StartAsync(settings, clock))
            await SampleHost.Eventually(() => first.Log().Entries.Contains("after AtStartup"), "the first host to be running");

        clock.Advance(TimeSpan.FromHours(3));
        await using var second = await SampleHost.StartAsync(settings, clock);
        await SampleHost.Eventually(() => second.Log().Entries.Any(e => e.StartsWith("Hourly")), "Hourly past due");

        Assert.Equal("Hourly pastDue=True next=2026-12-04T14:00:00.0000000Z", second.Log().Entries.Single(e => e.StartsWith("Hourly")));
    }

    [Fact]
    public async Task A_restart_before_the_occurrence_is_not_past_due()
    {
        var settings = SampleHost.Settings();
        var clock = new FakeTimeProvider(HalfPastTen);
        await using (var first = await SampleHost.StartAsync(settings, clock))
            await SampleHost.Eventually(() => first.Log().Entries.Contains("after AtStartup"), "the first host to be running");

        clock.Advance(TimeSpan.FromMinutes(20));
        await using var second = await SampleHost.StartAsync(settings, clock);
        await SampleHost.Eventually(() => second.Log().Entries.Contains("after AtStartup"), "the second host to be running");
        await Task.Delay(300);

        Assert.DoesNotContain(second.Log().Entries, e => e.StartsWith("Hourly"));
    }
}
