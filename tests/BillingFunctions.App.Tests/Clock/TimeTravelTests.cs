using System.Net;
using System.Net.Http.Json;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Tests.Testing;

namespace BillingFunctions.App.Tests.Clock;

public sealed class TimeTravelTests
{
    private sealed record ClockState(DateTimeOffset Now, TimeSpan Offset);

    private static Dictionary<string, string?> Settings(bool timeTravel) => new()
    {
        [AppSettings.LocalTriggersEnabled] = "false",
        [AppSettings.TimeTravel] = timeTravel ? "true" : "false",
    };

    [Fact]
    public async Task With_time_travel_on_the_app_clock_moves_forward_on_request()
    {
        using var app = TestApp.Create(Settings(timeTravel: true));
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "2.00:00:00" });
        var state = await response.Content.ReadFromJsonAsync<ClockState>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromDays(2), state!.Offset);
        Assert.InRange(app.Services.GetRequiredService<TimeProvider>().GetUtcNow() - DateTimeOffset.UtcNow, TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task The_clock_never_moves_backwards()
    {
        using var app = TestApp.Create(Settings(timeTravel: true));
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/dev/clock", new { to = DateTimeOffset.UtcNow.AddDays(-1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TimeSpan.Zero, (await client.GetFromJsonAsync<ClockState>("/api/dev/clock"))!.Offset);
    }

    [Fact]
    public async Task Without_time_travel_there_is_no_clock_endpoint_and_the_clock_is_the_system_clock()
    {
        using var app = TestApp.Create(Settings(timeTravel: false));
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "1.00:00:00" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Same(TimeProvider.System, app.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task A_wait_on_the_traveling_clock_ends_when_the_clock_jumps_past_it_and_not_before()
    {
        var clock = new App.Clock.TravelingTimeProvider(TimeProvider.System);
        var hour = Task.Delay(TimeSpan.FromHours(1), clock);
        var day = Task.Delay(TimeSpan.FromDays(1), clock);

        clock.Advance(TimeSpan.FromHours(2));

        Assert.Same(hour, await Task.WhenAny(hour, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.False(day.IsCompleted);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Same(day, await Task.WhenAny(day, Task.Delay(TimeSpan.FromSeconds(10))));
    }
}
