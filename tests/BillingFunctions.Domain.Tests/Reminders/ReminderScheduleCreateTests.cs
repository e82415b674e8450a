using BillingFunctions.Domain.Reminders;

namespace BillingFunctions.Domain.Tests.Reminders;

public class ReminderScheduleCreateTests
{
    [Theory]
    [InlineData(new[] { 1, 1 })]
    [InlineData(new[] { -61 })]
    [InlineData(new[] { 366 })]
    [InlineData(new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })]
    public void A_schedule_breaking_a_rule_is_refused_as_invalid(int[] days)
    {
        var created = ReminderSchedule.Create(days, new TimeOnly(9, 0));

        Assert.Equal("invalid", created.Error?.Code);
    }

    [Fact]
    public void A_send_time_with_seconds_is_refused()
    {
        Assert.False(ReminderSchedule.Create([0], new TimeOnly(9, 0, 30)).IsSuccess);
    }

    [Fact]
    public void A_valid_schedule_is_kept_in_ascending_order_and_an_empty_one_means_no_reminders()
    {
        Assert.Equal([-60, 0, 365], ReminderSchedule.Create([365, -60, 0], new TimeOnly(23, 59)).Value.DaysFromDue);
        Assert.Empty(ReminderSchedule.Create([], new TimeOnly(9, 0)).Value.DaysFromDue);
    }

    [Fact]
    public void Nothing_is_left_to_remind_when_the_schedule_is_empty()
    {
        var state = ReminderState.Start("in_1", new DateOnly(2026, 11, 30), ReminderSchedule.Create([], new TimeOnly(9, 0)).Value,
            ReminderScheduleTests.Zone("Europe/Berlin"), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Null(state.NextSendAt);
    }
}
