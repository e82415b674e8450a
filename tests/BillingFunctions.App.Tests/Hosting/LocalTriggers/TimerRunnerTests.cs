using System.Collections.Concurrent;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Hosting.LocalTriggers;
using BillingFunctions.App.Hosting.Timers;
using BillingFunctions.App.Tests.Testing;

namespace BillingFunctions.App.Tests.Hosting.LocalTriggers;

/// <summary>The local timer trigger with its schedule monitor in Azurite's timerstatus table.</summary>
public sealed class TimerRunnerTests
{
    private readonly string _timerName = Azurite.UniqueName("timer-");
    private readonly ConcurrentQueue<TimerInfo> _runs = new();

    private Dictionary<string, string?> Settings() => new()
    {
        [AppSettings.StorageConnectionSetting] = Azurite.ConnectionString,
        [AppSettings.LocalTriggersEnabled] = "true",
        [AppSettings.LocalTriggerFunctions + ":0"] = _timerName, // keeps the app's own apply-stripe-event off the shared queue
    };

    private TimerFunction Timer(string schedule, TimeSpan? runTime = null) => new(_timerName, schedule, async (info, _, ct) =>
    {
        _runs.Enqueue(info);
        if (runTime is { } busy) await Task.Delay(busy, ct);
    });

    private static async Task<TableClient> StatusTableAsync()
    {
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(ScheduleMonitor.TableName);
        await table.CreateIfNotExistsAsync();
        return table;
    }

    private static DateTimeOffset TopOfHour(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Run_on_startup_fires_once_at_start_without_being_past_due()
    {
        using var app = TestApp.Create(Settings(), Timer("0 0 0 1 1 *") with { RunOnStartup = true, UseMonitor = false });
        _ = app.Server;

        await Eventually.TrueAsync(() => Task.FromResult(!_runs.IsEmpty), "the timer runs on startup");
        await Task.Delay(300);

        var run = Assert.Single(_runs);
        Assert.False(run.IsPastDue);
        Assert.Null(run.ScheduleStatus);
    }

    [Fact]
    public async Task An_occurrence_missed_while_down_fires_once_past_due_at_start_and_the_status_moves_on()
    {
        var table = await StatusTableAsync();
        var now = DateTimeOffset.UtcNow;
        var missed = TopOfHour(now).AddHours(-1);
        await table.UpsertEntityAsync(new TableEntity(_timerName, "status")
        {
            ["Last"] = missed.AddHours(-1), ["Next"] = missed, ["LastUpdated"] = missed.AddHours(-1),
        });

        using var app = TestApp.Create(Settings(), Timer("0 0 * * * *"));
        _ = app.Server;
        await Eventually.TrueAsync(() => Task.FromResult(!_runs.IsEmpty), "the past-due run happens");
        await Task.Delay(300);

        var run = Assert.Single(_runs);
        Assert.True(run.IsPastDue);
        Assert.Equal(missed, run.ScheduleStatus!.Next);
        var status = (await table.GetEntityAsync<TableEntity>(_timerName, "status")).Value;
        Assert.Equal(TopOfHour(now).AddHours(1), status.GetDateTimeOffset("Next"));
        Assert.True(status.GetDateTimeOffset("Last") >= now);
    }

    [Fact]
    public async Task A_changed_schedule_resets_the_status_instead_of_firing_past_due()
    {
        var table = await StatusTableAsync();
        var now = DateTimeOffset.UtcNow;
        var oldLast = TopOfHour(now).AddHours(-2);
        // Recorded under a schedule at 7 past the hour; the timer is now at the top of the hour.
        await table.UpsertEntityAsync(new TableEntity(_timerName, "status")
        {
            ["Last"] = oldLast.AddMinutes(7), ["Next"] = oldLast.AddHours(1).AddMinutes(7), ["LastUpdated"] = oldLast,
        });

        using var app = TestApp.Create(Settings(), Timer("0 0 * * * *"));
        _ = app.Server;
        await Eventually.TrueAsync(async () =>
            (await table.GetEntityAsync<TableEntity>(_timerName, "status")).Value.GetDateTimeOffset("Next") == TopOfHour(now)
                .AddHours(1), "the status is reset");

        Assert.Empty(_runs);
    }

    [Fact]
    public async Task A_fresh_monitored_timer_records_its_next_occurrence_and_does_not_fire_early()
    {
        var table = await StatusTableAsync();
        var now = DateTimeOffset.UtcNow;

        using var app = TestApp.Create(Settings(), Timer("0 0 * * * *"));
        _ = app.Server;
        await Eventually.TrueAsync(async () => await table.GetEntityOrNullAsync(_timerName, "status") is not null, "the status is recorded");

        var status = (await table.GetEntityAsync<TableEntity>(_timerName, "status")).Value;
        Assert.Equal(CronSchedule.Parse("0 0 * * * *").GetNextOccurrence(now), status.GetDateTimeOffset("Next"));
        Assert.Empty(_runs);
    }

    [Fact]
    public async Task A_timer_fires_on_each_occurrence_and_never_overlaps_itself()
    {
        var running = 0;
        var maxRunning = 0;
        var timer = new TimerFunction(_timerName, "* * * * * *", async (info, _, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            _runs.Enqueue(info);
            await Task.Delay(1200, ct);
            Interlocked.Decrement(ref running);
        }) { UseMonitor = false };

        using var app = TestApp.Create(Settings(), timer);
        _ = app.Server;
        await Eventually.TrueAsync(() => Task.FromResult(_runs.Count >= 3), "three runs happen");

        Assert.Equal(1, maxRunning);
        Assert.All(_runs, r => Assert.False(r.IsPastDue));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current) return;
        }
    }
}
