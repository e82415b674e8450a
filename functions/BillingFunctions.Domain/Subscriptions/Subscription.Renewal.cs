using BillingFunctions.Domain.Common;

namespace BillingFunctions.Domain.Subscriptions;

public sealed partial class Subscription
{
    /// <summary>
    /// Bills the next period that is due at <paramref name="now"/>: the current one if it was never billed,
    /// else the one after it. Moves the subscription into that period, applying a change or cancellation
    /// scheduled for the period end. Call again for each period missed: one invoice per period, in order.
    /// </summary>
    public Result<RenewalInvoice> Renew(DateTimeOffset now)
    {
        if (_state.Status == SubscriptionStatus.Canceled) return DomainError.IllegalTransition("A canceled subscription does not renew.");
        if (NextRenewalAt is not { } due || now < due) return DomainError.Invalid($"Nothing is due before {NextRenewalAt:O}.");

        if (!_state.CurrentPeriodBilled)
        {
            var first = Bill(_state.CurrentPeriod);
            _state = _state with { CurrentPeriodBilled = true };
            return first;
        }

        var ended = _state.CurrentPeriod;
        if (_state.CancelAtPeriodEnd)
        {
            var final = new RenewalInvoice(ended, _state.PendingLines);
            _state = _state with { Status = SubscriptionStatus.Canceled, CanceledAt = ended.End, PendingLines = [] };
            Record(ended.End, "canceled", "at period end");
            return final;
        }
        if (_state.AtPeriodEnd is { } change)
        {
            var schedule = change.Plan.Interval.Months == _state.Plan.Interval.Months
                ? _state.Schedule
                : BillingSchedule.AnchoredAt(ended.End, change.Plan.Interval.Months);
            _state = _state with { Plan = change.Plan, Quantity = change.Quantity, Schedule = schedule, AtPeriodEnd = null };
            Record(ended.End, "changed", $"{change.Quantity} × {change.Plan.Name} as scheduled");
        }
        if (_state.Status == SubscriptionStatus.Trialing)
        {
            _state = _state with { Status = SubscriptionStatus.Active };
            Record(ended.End, "trial-ended", "");
        }
        var next = new BillingPeriod(ended.End, _state.Schedule.NextBoundaryAfter(ended.End));
        _state = _state with { CurrentPeriod = next };
        return Bill(next);
    }

    private RenewalInvoice Bill(BillingPeriod period)
    {
        var charges = _state.Status == SubscriptionStatus.Paused ? [] : ChargesFor(period);
        var invoice = new RenewalInvoice(period, [.. _state.PendingLines, .. charges]);
        _state = _state with { PendingLines = [] };
        Record(period.Start, "renewed", $"{period}: {invoice.Lines.Sum(l => l.Amount.Minor)} {Currency}");
        return invoice;
    }
}
