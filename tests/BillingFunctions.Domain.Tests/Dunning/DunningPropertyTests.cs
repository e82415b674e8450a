using BillingFunctions.Domain.Dunning;
using FsCheck;
using FsCheck.Fluent;

namespace BillingFunctions.Domain.Tests.Dunning;

/// <summary>Invariants of the dunning decision over arbitrary sequences of events and time jumps.</summary>
public class DunningPropertyTests
{
    private static readonly string?[] Codes = [null, "insufficient_funds", "generic_decline", "do_not_honor", "lost_card",
        "expired_card", "fraudulent"];

    /// <summary>An event, and how far the clock moves before it (negative: exactly to the pending wake-up).</summary>
    public sealed record Step(DunningEvent Event, int HoursLater);

    private static readonly Gen<DunningEvent> Events = Gen.OneOf(
        Gen.Elements(Codes).Select(code => (DunningEvent)new PaymentFailed(code)),
        Gen.Constant<DunningEvent>(new Wake()),
        Gen.Constant<DunningEvent>(new Wake()),
        Gen.Constant<DunningEvent>(new Wake()),
        Gen.Constant<DunningEvent>(new CardUpdated()),
        Gen.Elements<DunningEvent>(new InvoicePaid(), new InvoiceVoided(), new InvoiceHeld()));

    private static readonly Arbitrary<Step[]> Runs =
        Gen.Choose(1, 40).SelectMany(length => Gen.ArrayOf(Gen.Zip(Events, Gen.Choose(-1, 400)).Select(t => new Step(t.Item1, t.Item2)), length))
            .ToArbitrary();

    private static readonly DunningPolicy[] Policies =
    [
        DunningPolicy.Default,
        new([TimeSpan.FromHours(6)], SubscriptionOnExhaustion.Cancel),
        new([], SubscriptionOnExhaustion.Leave),
    ];

    private static List<(DunningState Before, DunningDecision Decision, DunningEvent Event)> Play(DunningPolicy policy, Step[] steps)
    {
        var state = DunningState.New("in_p", policy);
        var now = DunningRun.Start;
        DateTimeOffset? wake = null;
        var decisions = new List<(DunningState, DunningDecision, DunningEvent)>();
        foreach (var step in steps)
        {
            now = step.HoursLater < 0 && wake is { } due && due > now ? due : now.AddHours(Math.Max(0, step.HoursLater));
            var decision = DunningProcess.Decide(state, step.Event, now);
            decisions.Add((state, decision, step.Event));
            (state, wake) = (decision.State, decision.NextWakeAt);
        }
        return decisions;
    }

    [Fact]
    public void Only_a_reissued_charge_ever_repeats_a_key() => ForAllPolicies(decisions =>
    {
        var seen = new Dictionary<string, DunningEffect>();
        foreach (var effect in decisions.SelectMany(d => d.Decision.Effects))
        {
            if (seen.TryGetValue(effect.IdempotencyKey, out var earlier) && !(effect is RetryCharge && earlier == effect))
                return false;
            seen[effect.IdempotencyKey] = effect;
        }
        return true;
    });

    [Fact]
    public void A_finished_process_never_acts_or_wakes_again() => ForAllPolicies(decisions =>
        decisions.Where(d => d.Before.IsFinished).All(d => d.Decision.Effects.Count == 0 && d.Decision.NextWakeAt is null
            && d.Decision.State == d.Before));

    [Fact]
    public void A_running_process_always_has_a_wake_up_and_a_finished_one_none() => ForAllPolicies(decisions =>
        decisions.All(d => d.Decision.State.Status == DunningStatus.NotStarted || (d.Decision.NextWakeAt is null) == d.Decision.State.IsFinished));

    [Fact]
    public void Charges_stay_within_the_schedule_plus_one_per_new_card() => ForAllPolicies(decisions =>
    {
        var charges = decisions.SelectMany(d => d.Decision.Effects).OfType<RetryCharge>().Select(c => c.IdempotencyKey).Distinct().Count();
        var cards = decisions.Count(d => d.Event is CardUpdated);
        var policy = decisions[0].Before.Policy;
        return charges <= policy.RetryDelays.Count + cards;
    });

    [Fact]
    public void The_final_step_runs_at_most_once_and_only_when_exhausted() => ForAllPolicies(decisions =>
    {
        var finals = decisions.SelectMany(d => d.Decision.Effects).OfType<MarkUncollectible>().Count();
        var last = decisions[^1].Decision.State;
        return finals <= 1 && (finals == 1) == (last.Status == DunningStatus.Exhausted);
    });

    [Fact]
    public void Steps_and_history_only_grow() => ForAllPolicies(decisions =>
        decisions.All(d => d.Decision.State.Step >= d.Before.Step && d.Decision.State.History.Count >= d.Before.History.Count));

    private static void ForAllPolicies(Func<List<(DunningState Before, DunningDecision Decision, DunningEvent Event)>, bool> property)
    {
        foreach (var policy in Policies)
            Prop.ForAll(Runs, steps => property(Play(policy, steps))).QuickCheckThrowOnFailure();
    }
}
