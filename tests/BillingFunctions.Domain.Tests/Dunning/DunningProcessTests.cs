using BillingFunctions.Domain.Dunning;
using BillingFunctions.Domain.Notifications;

namespace BillingFunctions.Domain.Tests.Dunning;

public class DunningProcessTests
{
    private static readonly DunningPolicy Policy = DunningPolicy.Default;

    [Fact]
    public void First_soft_decline_emails_the_customer_tells_the_rep_and_sleeps_until_the_first_retry()
    {
        var run = new DunningRun(Policy).On(new PaymentFailed("insufficient_funds"));

        Assert.Equal(DunningStatus.WaitingToRetry, run.State.Status);
        Assert.Equal(DunningRun.Start + TimeSpan.FromDays(1), run.NextWake);
        Assert.Equal(run.NextWake, run.State.NextAttemptAt);
        Assert.Collection(run.Last,
            e => Assert.Equal(EmailKind.PaymentFailed, Assert.IsType<SendEmail>(e).Kind),
            e => Assert.Equal(RepNotice.PaymentFailed, Assert.IsType<NotifyRep>(e).Notice));
        Assert.Empty(run.All<RetryCharge>());
    }

    [Fact]
    public void Fail_fail_succeed_recovers_and_leaves_the_subscription_alone()
    {
        var run = new DunningRun(Policy).On(new PaymentFailed("insufficient_funds"));
        run.WakeWhenDue();
        Assert.IsType<RetryCharge>(Assert.Single(run.Last));
        run.On(new PaymentFailed("insufficient_funds"));
        Assert.Equal(EmailKind.RetryScheduled, run.Last.OfType<SendEmail>().Single().Kind);
        Assert.Equal(run.Now + TimeSpan.FromDays(2), run.NextWake);
        run.WakeWhenDue().On(new InvoicePaid());

        Assert.Equal(DunningStatus.Recovered, run.State.Status);
        Assert.Null(run.NextWake);
        Assert.Equal(2, run.All<RetryCharge>().Count());
        Assert.Empty(run.All<PauseSubscription>());
        Assert.Empty(run.All<CancelSubscription>());
        Assert.Empty(run.All<MarkUncollectible>());
        Assert.Equal(RepNotice.Recovered, Assert.IsType<NotifyRep>(Assert.Single(run.Last)).Notice);
    }

    [Fact]
    public void Every_attempt_failing_marks_uncollectible_and_pauses_after_the_whole_schedule()
    {
        var run = new DunningRun(Policy).On(new PaymentFailed("card_declined"));
        for (var i = 0; i < Policy.RetryDelays.Count; i++)
            run.WakeWhenDue().On(new PaymentFailed("insufficient_funds"));

        Assert.Equal(DunningStatus.Exhausted, run.State.Status);
        Assert.Equal(TimeSpan.FromDays(14), run.Now - DunningRun.Start);
        Assert.Equal(4, run.All<RetryCharge>().Count());
        Assert.Single(run.All<MarkUncollectible>());
        Assert.Single(run.All<PauseSubscription>());
        Assert.Contains(run.Last, e => e is SendEmail { Kind: EmailKind.FinalNotice });
        Assert.Null(run.NextWake);
    }

    [Theory]
    [InlineData(SubscriptionOnExhaustion.Cancel, typeof(CancelSubscription))]
    [InlineData(SubscriptionOnExhaustion.Pause, typeof(PauseSubscription))]
    public void The_final_step_follows_the_tenant_policy(SubscriptionOnExhaustion onExhaustion, Type expected)
    {
        var run = new DunningRun(new DunningPolicy([TimeSpan.FromDays(3)], onExhaustion)).On(new PaymentFailed(null));
        run.WakeWhenDue().On(new PaymentFailed(null));

        var subscriptionEffects = run.Effects.Where(e => e is PauseSubscription or CancelSubscription).ToList();
        Assert.IsType(expected, Assert.Single(subscriptionEffects));
    }

    [Fact]
    public void Leave_policy_marks_uncollectible_without_touching_the_subscription()
    {
        var run = new DunningRun(new DunningPolicy([], SubscriptionOnExhaustion.Leave)).On(new PaymentFailed(null));

        Assert.Equal(DunningStatus.Exhausted, run.State.Status);
        Assert.Single(run.All<MarkUncollectible>());
        Assert.DoesNotContain(run.Effects, e => e is PauseSubscription or CancelSubscription);
    }

    [Fact]
    public void A_policy_that_keeps_invoices_open_ends_without_marking_uncollectible_but_still_sends_the_final_notice()
    {
        var run = new DunningRun(new DunningPolicy([TimeSpan.FromDays(1)], SubscriptionOnExhaustion.Pause, markUncollectible: false))
            .On(new PaymentFailed(null));
        run.WakeWhenDue().On(new PaymentFailed(null));

        Assert.Equal(DunningStatus.Exhausted, run.State.Status);
        Assert.Empty(run.All<MarkUncollectible>());
        Assert.Single(run.All<PauseSubscription>());
        Assert.Contains(run.Last, e => e is SendEmail { Kind: EmailKind.FinalNotice });
    }

    [Theory]
    [InlineData("lost_card")]
    [InlineData("stolen_card")]
    [InlineData("expired_card")]
    public void Hard_decline_skips_retries_and_asks_for_a_new_card(string code)
    {
        var run = new DunningRun(Policy).On(new PaymentFailed(code));

        Assert.Equal(DunningStatus.AwaitingNewCard, run.State.Status);
        Assert.Contains(run.Last, e => e is SendEmail { Kind: EmailKind.CardUpdateNeeded });
        Assert.Contains(run.Last, e => e is NotifyRep { Notice: RepNotice.CardUpdateNeeded });
        Assert.Equal(DunningRun.Start + Policy.Window, run.NextWake);

        run.WakeWhenDue();
        Assert.Empty(run.All<RetryCharge>());
        Assert.Equal(DunningStatus.Exhausted, run.State.Status);
        Assert.Single(run.All<PauseSubscription>());
    }

    [Fact]
    public void A_new_card_after_a_hard_decline_is_charged_at_once()
    {
        var run = new DunningRun(Policy).On(new PaymentFailed("lost_card")).Advance(TimeSpan.FromHours(5)).On(new CardUpdated());

        Assert.Equal(DunningStatus.Charging, run.State.Status);
        Assert.IsType<RetryCharge>(Assert.Single(run.Last));
        run.On(new InvoicePaid());
        Assert.Equal(DunningStatus.Recovered, run.State.Status);
        Assert.Contains(run.State.History, h => h.Kind == DunningHistoryKind.CardUpdated);
    }

    [Fact]
    public void A_hard_decline_on_the_last_retry_still_gives_the_customer_time_for_a_new_card()
    {
        var run = new DunningRun(Policy).On(new PaymentFailed("insufficient_funds"));
        for (var i = 0; i < Policy.RetryDelays.Count - 1; i++)
            run.WakeWhenDue().On(new PaymentFailed("insufficient_funds"));
        run.WakeWhenDue().On(new PaymentFailed("expired_card"));

        Assert.Equal(DunningStatus.AwaitingNewCard, run.State.Status);
        Assert.Equal(run.Now + DunningProcess.CardUpdateGrace, run.NextWake);
    }
}
