using System.Text.Json;
using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Reminders;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Adapters.Tests.Dunning;

/// <summary>The process runtime stores decision state as JSON; these states must come back equal.</summary>
public class ProcessStateJsonTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void A_dunning_state_with_history_survives_a_json_round_trip()
    {
        var at = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var state = DunningProcess.Decide(DunningState.New("in_1", new DunningPolicy([TimeSpan.FromDays(2)], SubscriptionOnExhaustion.Cancel)),
            new PaymentFailed("insufficient_funds"), at).State;

        var back = JsonSerializer.Deserialize<DunningState>(JsonSerializer.Serialize(state, Web), Web)!;

        Assert.Equal(state.History, back.History);
        Assert.Equal(state.Policy.RetryDelays, back.Policy.RetryDelays);
        Assert.Equal(state.Policy.OnExhaustion, back.Policy.OnExhaustion);
        Assert.Equal(state with { History = back.History, Policy = back.Policy }, back);
        Assert.Equal(DunningProcess.Decide(state, new Wake(), at.AddDays(2)).Effects, DunningProcess.Decide(back, new Wake(), at.AddDays(2)).Effects);
    }

    [Fact]
    public void A_reminder_state_survives_a_json_round_trip_with_its_time_zone()
    {
        var calendar = new TenantCalendar(TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland"));
        var state = ReminderState.Start("in_1", new DateOnly(2026, 3, 31), ReminderSchedule.Default, calendar, DateTimeOffset.MinValue);

        var back = JsonSerializer.Deserialize<ReminderState>(JsonSerializer.Serialize(state, Web), Web)!;

        Assert.Equal(state.NextSendAt, back.NextSendAt);
        Assert.Equal("Pacific/Auckland", back.Calendar().TimeZone.Id);
        Assert.Equal(state.Schedule.DaysFromDue, back.Schedule.DaysFromDue);
    }
}
