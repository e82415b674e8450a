using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Common;

namespace BillingFunctions.Domain.Subscriptions;

public sealed partial class Subscription
{
    /// <summary>
    /// Switches plan and quantity at <paramref name="at"/>. Inside a billed period this leaves two lines for the
    /// next invoice, as Stripe prorates: a credit for the unused time of the current plan and quantity and a
    /// charge for the rest of the period at the new ones.
    /// </summary>
    public Result<Prorated> ChangeNow(Plan plan, int quantity, DateTimeOffset at)
    {
        if (RefuseChange(plan, quantity) is { } refused) return refused;
        if (!_state.CurrentPeriod.Contains(at)) return DomainError.Invalid("A change takes effect inside the current period.");
        if (plan.Interval.Months != _state.Plan.Interval.Months)
            return DomainError.Invalid("A change of billing interval takes effect at the end of the period.");

        IReadOnlyList<BillingLine> lines = [];
        if (_state.CurrentPeriodBilled && _state.Status != SubscriptionStatus.Trialing)
        {
            var cycle = _state.Schedule.PeriodContaining(_state.CurrentPeriod.Start);
            var priceDate = _state.CurrentPeriod.Start;
            lines = Proration.ForChange(
                $"{_state.Quantity} × {_state.Plan.Name}", _state.Plan.PriceFor(priceDate).Times(_state.Quantity),
                $"{quantity} × {plan.Name}", plan.PriceFor(priceDate).Times(quantity), cycle, at);
        }
        var from = $"{_state.Quantity} × {_state.Plan.Name}";
        _state = _state with { Plan = plan, Quantity = quantity, AtPeriodEnd = null, PendingLines = [.. _state.PendingLines, .. lines] };
        Record(at, "changed", $"{from} → {quantity} × {plan.Name}" +
            string.Concat(lines.Select(l => $"; {l.Amount.Minor} {l.Amount.Currency}")));
        return new Prorated(lines);
    }

    /// <summary>Switches plan and quantity when the current period ends; nothing is prorated.</summary>
    public Result<ScheduledChange> ChangeAtPeriodEnd(Plan plan, int quantity, DateTimeOffset at)
    {
        if (RefuseChange(plan, quantity) is { } refused) return refused;
        var change = new ScheduledChange(plan, quantity);
        _state = _state with { AtPeriodEnd = change };
        Record(at, "change-scheduled", $"{quantity} × {plan.Name} from {_state.CurrentPeriod.End:yyyy-MM-dd}");
        return change;
    }

    /// <summary>Ends the subscription now. Like Stripe's default, nothing is credited; pending prorations are dropped.</summary>
    public Result<Subscription> CancelNow(DateTimeOffset at)
    {
        if (RefuseUnlessLive("be canceled") is { } refused) return refused;
        _state = _state with { Status = SubscriptionStatus.Canceled, CanceledAt = at, AtPeriodEnd = null };
        Record(at, "canceled", "now");
        return this;
    }

    public Result<Subscription> CancelAtPeriodEnd(DateTimeOffset at)
    {
        if (RefuseUnlessLive("be canceled") is { } refused) return refused;
        _state = _state with { CancelAtPeriodEnd = true };
        Record(at, "cancel-scheduled", $"at {_state.CurrentPeriod.End:yyyy-MM-dd}");
        return this;
    }

    /// <summary>Stops billing: periods keep their rhythm but bill nothing until resumed (Stripe's pause_collection).</summary>
    public Result<Subscription> Pause(DateTimeOffset at)
    {
        if (_state.Status != SubscriptionStatus.Active) return DomainError.IllegalTransition("Only an active subscription can be paused.");
        _state = _state with { Status = SubscriptionStatus.Paused };
        Record(at, "paused", "");
        return this;
    }

    /// <summary>Billing resumes with the next period that starts.</summary>
    public Result<Subscription> Resume(DateTimeOffset at)
    {
        if (_state.Status != SubscriptionStatus.Paused) return DomainError.IllegalTransition("Only a paused subscription can be resumed.");
        _state = _state with { Status = SubscriptionStatus.Active };
        Record(at, "resumed", "");
        return this;
    }

    /// <summary>
    /// Takes in the catalog's current version of the subscribed plan (a price change), so each period is priced as
    /// the catalog says for its start. Nothing is recorded: the subscription stays on the same plan.
    /// </summary>
    public void RefreshPlan(Plan current)
    {
        if (current.Id != _state.Plan.Id || current.Currency != _state.Plan.Currency || current.Interval != _state.Plan.Interval) return;
        _state = _state with
        {
            Plan = current,
            AtPeriodEnd = _state.AtPeriodEnd is { } change && change.Plan.Id == current.Id ? change with { Plan = current } : _state.AtPeriodEnd,
        };
    }

    private DomainError? RefuseChange(Plan plan, int quantity)
    {
        if (RefuseUnlessLive("change plan") is { } refused) return refused;
        if (quantity < 1) return DomainError.Invalid("The quantity must be at least 1.");
        if (plan.Currency != _state.Plan.Currency) return DomainError.Invalid($"The subscription is billed in {_state.Plan.Currency}.");
        return null;
    }
}
