using BillingFunctions.Domain.Notifications;

namespace BillingFunctions.Domain.Dunning;

/// <summary>
/// The dunning process for one failed invoice as a pure function. The runtime loads the state, calls
/// <see cref="Decide"/>, performs the effects (each carries its idempotency key), saves the state and schedules
/// the wake-up. Replaying a decision from the same state yields the same keys, so a crash anywhere repeats
/// effects harmlessly instead of doubling them.
/// </summary>
public static class DunningProcess
{
    /// <summary>How long an issued retry charge may stay without an outcome before a wake re-issues it (same key).</summary>
    public static readonly TimeSpan ChargeCheckAfter = TimeSpan.FromMinutes(15);

    /// <summary>The least time a customer asked for a new card gets, even when the retry window is nearly over.</summary>
    public static readonly TimeSpan CardUpdateGrace = TimeSpan.FromDays(3);

    public static DunningDecision Decide(DunningState state, DunningEvent evt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsFinished)
            return new([], state, null);
        return evt switch
        {
            InvoicePaid => Finish(state, now, DunningStatus.Recovered, DunningHistoryKind.Recovered, RepNotice.Recovered),
            InvoiceVoided => Finish(state, now, DunningStatus.Stopped, DunningHistoryKind.Voided, notice: null),
            InvoiceHeld => Finish(state, now, DunningStatus.Stopped, DunningHistoryKind.Held, notice: null),
            PaymentFailed failed => OnPaymentFailed(state, failed.DeclineCode, now),
            Wake => OnWake(state, now),
            CardUpdated => OnCardUpdated(state, now),
            _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, "Unknown dunning event."),
        };
    }

    private static DunningDecision OnPaymentFailed(DunningState state, string? declineCode, DateTimeOffset now)
    {
        // Only the first failure and the outcome of our own retry move the process; a repeated webhook
        // or a failure while we are waiting anyway changes nothing.
        if (state.Status is not (DunningStatus.NotStarted or DunningStatus.Charging))
            return Unchanged(state);

        var step = state.Step + 1;
        var failed = state with
        {
            Step = step,
            StartedAt = state.StartedAt ?? now,
            LastDeclineCode = declineCode,
            History = [.. state.History, new(now, step, DunningHistoryKind.PaymentFailed, declineCode)],
        };
        var isFirst = state.Status == DunningStatus.NotStarted;

        if (DeclineCodes.Classify(declineCode) == DeclineKind.Hard)
            return AskForNewCard(failed, now);
        if (failed.RetriesLeft <= 0)
            return Exhaust(failed, now);

        var next = now + failed.Policy.RetryDelays[failed.RetriesUsed];
        var waiting = failed with
        {
            Status = DunningStatus.WaitingToRetry,
            NextAttemptAt = next,
            History = [.. failed.History, new(now, step, DunningHistoryKind.RetryScheduled)],
        };
        var email = isFirst ? EmailKind.PaymentFailed : EmailKind.RetryScheduled;
        return new([Keys.Email(waiting, email), Keys.Rep(waiting, RepNotice.PaymentFailed)], waiting, next);
    }

    private static DunningDecision OnWake(DunningState state, DateTimeOffset now) => state.Status switch
    {
        DunningStatus.WaitingToRetry when now < state.NextAttemptAt => Unchanged(state),
        DunningStatus.WaitingToRetry => IssueRetry(state, now),
        // The outcome of the last charge never came back (a crash, a lost message): ask again with the
        // same key; Stripe answers with the first attempt's result instead of charging twice.
        DunningStatus.Charging when now < state.NextAttemptAt => Unchanged(state),
        DunningStatus.Charging => new([Keys.Charge(state)], state with { NextAttemptAt = now + ChargeCheckAfter }, now + ChargeCheckAfter),
        DunningStatus.AwaitingNewCard when now < state.CardDeadline => Unchanged(state),
        DunningStatus.AwaitingNewCard => Exhaust(state with { Step = state.Step + 1 }, now),
        _ => Unchanged(state),
    };

    private static DunningDecision OnCardUpdated(DunningState state, DateTimeOffset now)
    {
        if (state.Status is not (DunningStatus.WaitingToRetry or DunningStatus.AwaitingNewCard))
            return Unchanged(state);
        var noted = state with { History = [.. state.History, new(now, state.Step + 1, DunningHistoryKind.CardUpdated)] };
        return IssueRetry(noted, now);
    }

    private static DunningDecision IssueRetry(DunningState state, DateTimeOffset now)
    {
        var step = state.Step + 1;
        var charging = state with
        {
            Status = DunningStatus.Charging,
            Step = step,
            RetriesUsed = state.RetriesUsed + 1,
            // While charging, the next attempt is the re-check: the same charge again if no outcome came back.
            NextAttemptAt = now + ChargeCheckAfter,
            CardDeadline = null,
            History = [.. state.History, new(now, step, DunningHistoryKind.RetryCharged)],
        };
        return new([Keys.Charge(charging)], charging, charging.NextAttemptAt);
    }

    private static DunningDecision AskForNewCard(DunningState state, DateTimeOffset now)
    {
        var windowEnd = state.StartedAt!.Value + state.Policy.Window;
        var deadline = windowEnd > now + CardUpdateGrace ? windowEnd : now + CardUpdateGrace;
        var awaiting = state with
        {
            Status = DunningStatus.AwaitingNewCard,
            NextAttemptAt = null,
            CardDeadline = deadline,
            History = [.. state.History, new(now, state.Step, DunningHistoryKind.CardUpdateRequested)],
        };
        return new([Keys.Email(awaiting, EmailKind.CardUpdateNeeded), Keys.Rep(awaiting, RepNotice.CardUpdateNeeded)], awaiting, deadline);
    }

    private static DunningDecision Exhaust(DunningState state, DateTimeOffset now)
    {
        var done = state with
        {
            Status = DunningStatus.Exhausted,
            NextAttemptAt = null,
            CardDeadline = null,
            History = [.. state.History, new(now, state.Step, DunningHistoryKind.Exhausted)],
        };
        List<DunningEffect> effects = [Keys.Email(done, EmailKind.FinalNotice), Keys.Rep(done, RepNotice.Exhausted)];
        if (done.Policy.MarkUncollectible)
            effects.Insert(0, new MarkUncollectible(Keys.For(done, "uncollectible")));
        if (done.Policy.OnExhaustion == SubscriptionOnExhaustion.Pause)
            effects.Add(new PauseSubscription(Keys.For(done, "pause-subscription")));
        if (done.Policy.OnExhaustion == SubscriptionOnExhaustion.Cancel)
            effects.Add(new CancelSubscription(Keys.For(done, "cancel-subscription")));
        return new(effects, done, null);
    }

    private static DunningDecision Finish(DunningState state, DateTimeOffset now, DunningStatus status, DunningHistoryKind kind, RepNotice? notice)
    {
        var step = state.Step + 1;
        var started = state.Status != DunningStatus.NotStarted;
        var done = state with
        {
            Status = status,
            Step = step,
            NextAttemptAt = null,
            CardDeadline = null,
            History = [.. state.History, new(now, step, kind)],
        };
        return new(started && notice is { } n ? [Keys.Rep(done, n)] : [], done, null);
    }

    private static DunningDecision Unchanged(DunningState state) => new([], state, PendingWake(state));

    private static DateTimeOffset? PendingWake(DunningState state) => state.Status switch
    {
        DunningStatus.WaitingToRetry or DunningStatus.Charging => state.NextAttemptAt,
        DunningStatus.AwaitingNewCard => state.CardDeadline,
        _ => null,
    };
}
