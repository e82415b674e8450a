using BillingFunctions.Domain.Reminders;

namespace BillingFunctions.Domain.Tests.Reminders;

public class ReminderProcessTests
{
    private static readonly DateOnly Due = new(2026, 3, 31);
    private static readonly DateTimeOffset SentAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static ReminderState Fresh() =>
        ReminderState.Start("in_7", Due, ReminderSchedule.Default, ReminderScheduleTests.Zone("Pacific/Auckland"), SentAt);

    [Fact]
    public void Nothing_goes_out_before_the_first_slot_and_the_process_sleeps_until_it()
    {
        var state = Fresh();

        var decision = ReminderProcess.Decide(state, new ReminderWake(), SentAt.AddDays(1));

        Assert.Empty(decision.Effects);
        Assert.Equal(new DateTimeOffset(2026, 3, 27, 20, 0, 0, TimeSpan.Zero), decision.NextWakeAt);
    }

    [Fact]
    public void Each_slot_sends_one_reminder_then_sleeps_until_the_next()
    {
        var state = Fresh();
        var sent = new List<SendReminder>();
        for (var wake = state.NextSendAt; wake is { } at; )
        {
            var decision = ReminderProcess.Decide(state, new ReminderWake(), at);
            sent.AddRange(decision.Effects);
            (state, wake) = (decision.State, decision.NextWakeAt);
        }

        Assert.Equal([-3, 0, 3, 7, 14], sent.Select(s => s.DaysFromDue));
        Assert.Equal("reminders:in_7:-3", sent[0].IdempotencyKey);
        Assert.Equal("reminders:in_7:+14", sent[^1].IdempotencyKey);
    }

    [Fact]
    public void After_downtime_only_the_latest_due_reminder_goes_out()
    {
        var decision = ReminderProcess.Decide(Fresh(), new ReminderWake(), new DateTimeOffset(2026, 4, 4, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(3, Assert.Single(decision.Effects).DaysFromDue);
        Assert.Equal(ReminderSchedule.Default.SendInstant(Due, 7, decision.State.Calendar()), decision.NextWakeAt);
    }

    [Fact]
    public void A_repeated_wake_after_the_state_was_saved_sends_nothing_again()
    {
        var at = Fresh().NextSendAt!.Value;
        var first = ReminderProcess.Decide(Fresh(), new ReminderWake(), at);

        var again = ReminderProcess.Decide(first.State, new ReminderWake(), at.AddMinutes(1));

        Assert.Single(first.Effects);
        Assert.Empty(again.Effects);
    }

    [Theory]
    [InlineData(ClosedBecause.Paid)]
    [InlineData(ClosedBecause.Voided)]
    [InlineData(ClosedBecause.Held)]
    public void A_closed_invoice_gets_no_more_reminders(ClosedBecause reason)
    {
        var closed = ReminderProcess.Decide(Fresh(), new InvoiceClosed(reason), SentAt.AddDays(2));

        var later = ReminderProcess.Decide(closed.State, new ReminderWake(), SentAt.AddDays(60));

        Assert.Null(closed.NextWakeAt);
        Assert.Empty(later.Effects);
        Assert.Null(later.NextWakeAt);
    }

    [Fact]
    public void An_invoice_sent_close_to_its_due_date_skips_the_reminders_already_past()
    {
        var sentLate = new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.Zero);
        var state = ReminderState.Start("in_8", Due, ReminderSchedule.Default, ReminderScheduleTests.Zone("Pacific/Auckland"), sentLate);

        var decision = ReminderProcess.Decide(state, new ReminderWake(), state.NextSendAt!.Value);

        Assert.Equal(0, Assert.Single(decision.Effects).DaysFromDue);
    }
}
