using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Common;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.Subscriptions;

/// <summary>
/// A customer's subscription to a plan. Periods bill in advance at their start; changes made inside a billed
/// period leave proration lines for the next invoice, as Stripe's default <c>create_prorations</c> does.
/// </summary>
public sealed partial class Subscription
{
    private SubscriptionSnapshot _state;

    private Subscription(SubscriptionSnapshot state) => _state = state;

    public static Subscription Restore(SubscriptionSnapshot snapshot) => new(snapshot);
    public SubscriptionSnapshot ToSnapshot() => _state;

    public SubscriptionId Id => _state.Id;
    public SubscriptionStatus Status => _state.Status;
    public Plan Plan => _state.Plan;
    public int Quantity => _state.Quantity;
    public BillingPeriod CurrentPeriod => _state.CurrentPeriod;
    public IReadOnlyList<BillingLine> PendingLines => _state.PendingLines;
    public IReadOnlyList<SubscriptionChange> Timeline => _state.Timeline;
    public Currency Currency => _state.Plan.Currency;

    /// <summary>When the next invoice is due: the current period's start until it is billed, then its end.</summary>
    public DateTimeOffset? NextRenewalAt =>
        _state.Status == SubscriptionStatus.Canceled ? null
        : _state.CurrentPeriodBilled ? _state.CurrentPeriod.End : _state.CurrentPeriod.Start;

    public static Result<Subscription> Create(NewSubscription request)
    {
        if (request.Quantity < 1) return DomainError.Invalid("The quantity must be at least 1.");
        if (request.AddOns.Any(a => a.Quantity < 1)) return DomainError.Invalid("An add-on's quantity must be at least 1.");
        if (request.AddOns.Any(a => a.AddOn.Price.Currency != request.Plan.Currency))
            return DomainError.Invalid($"Add-ons must be priced in the plan's currency ({request.Plan.Currency}).");
        if (request.AnchorDay is < 1 or > 31) return DomainError.Invalid("The billing anchor is a day of the month, 1 to 31.");
        if (request.TrialEnd is { } trialEnd && trialEnd <= request.Start) return DomainError.Invalid("A trial must end after the start.");
        if (request.Collection == CollectionMethod.ChargeAutomatically && request.DaysUntilDue is not null)
            return DomainError.Invalid("Subscriptions charged automatically have no days until due.");

        var months = request.Plan.Interval.Months;
        var billingStart = request.TrialEnd ?? request.Start;
        var schedule = BillingSchedule.FromStart(billingStart, request.AnchorDay ?? billingStart.ToUniversalTime().Day, months);
        var trialing = request.TrialEnd is not null;
        var state = new SubscriptionSnapshot
        {
            Id = request.Id, Tenant = request.Tenant, Customer = request.Customer, Plan = request.Plan,
            Quantity = request.Quantity, AddOns = request.AddOns, Collection = request.Collection,
            DaysUntilDue = request.Collection == CollectionMethod.SendInvoice ? request.DaysUntilDue ?? 30 : null,
            Schedule = schedule,
            Status = trialing ? SubscriptionStatus.Trialing : SubscriptionStatus.Active,
            CurrentPeriod = trialing
                ? new BillingPeriod(request.Start, billingStart)
                : new BillingPeriod(request.Start, schedule.NextBoundaryAfter(request.Start)),
            // A trial is a period with nothing to bill; Stripe's $0 invoice carries no information.
            CurrentPeriodBilled = trialing,
        };
        var subscription = new Subscription(state);
        subscription.Record(request.Start, "created",
            $"{request.Quantity} × {request.Plan.Name} at {request.Plan.PriceFor(billingStart).Minor} {request.Plan.Currency} per " +
            $"{request.Plan.Interval}" +
            (trialing ? $", trial until {billingStart:yyyy-MM-dd}" : ""));
        return subscription;
    }

    /// <summary>The charges of one period at the current plan, quantity and add-ons; a short first period is prorated.</summary>
    private IReadOnlyList<BillingLine> ChargesFor(BillingPeriod period)
    {
        var cycle = _state.Schedule.PeriodContaining(period.Start);
        var lines = new List<BillingLine>
        {
            new($"{_state.Quantity} × {_state.Plan.Name} ({period})",
                Proration.Remaining(_state.Plan.PriceFor(period.Start).Times(_state.Quantity), cycle, period.Start), period),
        };
        foreach (var item in _state.AddOns)
        {
            lines.Add(new($"{item.Quantity} × {item.AddOn.Name} ({period})",
                Proration.Remaining(item.AddOn.Price.Times(item.Quantity), cycle, period.Start), period));
        }
        return lines;
    }

    /// <summary>Adds to the timeline, and to the MRR history when what the subscription brings each month changed.</summary>
    private void Record(DateTimeOffset at, string kind, string detail)
    {
        _state = _state with { Timeline = [.. _state.Timeline, new SubscriptionChange(at, kind, detail)] };
        var monthly = Analytics.RecurringRevenue.MonthlyOf(_state).Minor;
        if (_state.MrrHistory.Count == 0 ? monthly != 0 : _state.MrrHistory[^1].Monthly != monthly)
            _state = _state with { MrrHistory = [.. _state.MrrHistory, new MrrPoint(at, monthly)] };
    }

    private DomainError? RefuseUnlessLive(string action) => _state.Status switch
    {
        SubscriptionStatus.Canceled => DomainError.IllegalTransition($"A canceled subscription cannot {action}."),
        _ => null,
    };
}
