using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Notifications;

namespace BillingFunctions.Domain.Tests.Dunning;

/// <summary>Stopping at once, duplicates, early wake-ups and replays after a crash.</summary>
public class DunningStopAndReplayTests
{
    private static readonly DunningPolicy Policy = DunningPolicy.Default;

    [Fact]
    public void Paying_on_the_hosted_page_mid_dunning_stops_everything_at_once()
    {
        var run = new DunningRun(Policy).On(new PaymentFailed("insufficient_funds")).WakeWhenDue().On(new PaymentFailed(null));
        var emailsBefore = run.All<SendEmail>().Count();

        run.Advance(TimeSpan.FromHours(3)).On(new InvoicePaid()).Advance(TimeSpan.FromDays(30)).On(new Wake()).On(new PaymentFailed(null));

        Assert.Equal(DunningStatus.Recovered, run.State.Status);
        Assert.Equal(emailsBefore, run.All<SendEmail>().Count());
        Assert.Single(run.All<RetryCharge>());
        Assert.Null(run.NextWake);
    }

    [Theory]
    [MemberData(nameof(Stoppers))]
    public void Void_or_hold_stops_without_telling_the_customer(DunningEvent stopper, DunningHistoryKind recorded)
    {
        var run = new DunningRun(Policy).On(new PaymentFailed(null)).On(stopper).Advance(TimeSpan.FromDays(20)).On(new Wake());

        Assert.Equal(DunningStatus.Stopped, run.State.Status);
        Assert.Equal(recorded, run.State.History[^1].Kind);
        Assert.Empty(run.All<RetryCharge>());
        Assert.Single(run.All<SendEmail>());
    }

    public static TheoryData<DunningEvent, DunningHistoryKind> Stoppers() => new()
    {
        { new InvoiceVoided(), DunningHistoryKind.Voided },
        { new InvoiceHeld(), DunningHistoryKind.Held },
    };

    [Fact]
    public void The_same_failure_delivered_three_times_starts_one_process()
    {
        var run = new DunningRun(Policy).On(new PaymentFailed("insufficient_funds"));
        var afterFirst = run.State;
        run.On(new PaymentFailed("insufficient_funds")).On(new PaymentFailed("insufficient_funds"));

        Assert.Equal(afterFirst, run.State);
        Assert.Equal(2, run.Effects.Count);
        Assert.Equal(afterFirst.NextAttemptAt, run.NextWake);
    }

    [Fact]
    public void An_early_wake_does_nothing_and_sleeps_again_until_the_attempt()
    {
        var run = new DunningRun(Policy).On(new PaymentFailed(null));
        var due = run.NextWake;

        run.Advance(TimeSpan.FromHours(23)).On(new Wake());

        Assert.Empty(run.Last);
        Assert.Equal(due, run.NextWake);
        Assert.Equal(DunningStatus.WaitingToRetry, run.State.Status);
    }

    [Fact]
    public void A_charge_without_an_outcome_is_reissued_with_the_same_key()
    {
        var run = new DunningRun(Policy).On(new PaymentFailed(null)).WakeWhenDue();
        var charge = Assert.IsType<RetryCharge>(Assert.Single(run.Last));

        run.WakeWhenDue();

        Assert.Equal(charge, Assert.IsType<RetryCharge>(Assert.Single(run.Last)));
        Assert.Equal(1, run.State.RetriesUsed);
    }

    [Fact]
    public void Deciding_again_from_the_same_state_repeats_the_same_keys()
    {
        var state = DunningProcess.Decide(DunningState.New("in_9", Policy), new PaymentFailed(null), DunningRun.Start).State;
        var at = state.NextAttemptAt!.Value;

        var first = DunningProcess.Decide(state, new Wake(), at);
        var replay = DunningProcess.Decide(state, new Wake(), at.AddMinutes(7));

        Assert.Equal(first.Effects, replay.Effects);
        Assert.Equal("dunning:in_9:2:charge", first.Effects.Single().IdempotencyKey);
    }

    [Fact]
    public void Every_effect_of_a_full_run_has_its_own_key()
    {
        var run = new DunningRun(Policy).On(new PaymentFailed(null));
        for (var i = 0; i < Policy.RetryDelays.Count; i++)
            run.WakeWhenDue().On(new PaymentFailed(null));

        var keys = run.Effects.Select(e => e.IdempotencyKey).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(keys, k => Assert.StartsWith("dunning:in_1:", k));
        Assert.Contains("dunning:in_1:1:email-payment-failed", keys);
    }

    [Fact]
    public void History_shows_each_step_for_the_crm()
    {
        var run = new DunningRun(Policy).On(new PaymentFailed("insufficient_funds")).WakeWhenDue().On(new InvoicePaid());

        Assert.Equal(
            [DunningHistoryKind.PaymentFailed, DunningHistoryKind.RetryScheduled, DunningHistoryKind.RetryCharged, DunningHistoryKind.Recovered],
            run.State.History.Select(h => h.Kind));
        Assert.Equal("insufficient_funds", run.State.History[0].DeclineCode);
        Assert.Equal(DunningRun.Start + TimeSpan.FromDays(1), run.State.History[2].At);
    }
}
