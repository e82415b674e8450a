using System.ComponentModel.DataAnnotations;
using BillingFunctions.App.Http;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Subscriptions;

namespace BillingFunctions.App.Subscriptions;

public sealed record AddOnItemRequest([property: MaxLength(Ids.MaxLength)] string? AddOnId, int? Quantity);

/// <param name="Start">When the subscription starts (default now; at most a day back). The first period bills then.</param>
/// <param name="AnchorDay">Day of month the periods renew on (default the start's day, or the trial end's).</param>
/// <param name="CollectionMethod">charge_automatically (default) or send_invoice.</param>
/// <param name="DaysUntilDue">For send_invoice only (default 30).</param>
public sealed record CreateSubscriptionRequest([property: MaxLength(Ids.MaxLength)] string? CustomerId,
    [property: MaxLength(Ids.MaxLength)] string? PlanId,
    [property: BusinessRange(CalendarText.Instant)] DateTimeOffset? Start, int? AnchorDay, int? Quantity, IReadOnlyList<AddOnItemRequest>? AddOns,
    [property: BusinessRange(CalendarText.Instant)] DateTimeOffset? TrialEnd, string? CollectionMethod, int? DaysUntilDue);

/// <param name="PlanId">The new plan (default the current one).</param>
/// <param name="Quantity">The new quantity (default the current one).</param>
/// <param name="When">now (default: prorated, the credit and charge wait for the next invoice) or period_end.</param>
public sealed record ChangeSubscriptionRequest([property: MaxLength(Ids.MaxLength)] string? PlanId, int? Quantity, string? When);

/// <param name="When">period_end (default) or now (nothing is credited, pending prorations are dropped).</param>
public sealed record CancelSubscriptionRequest(string? When);

public sealed record PeriodResponse(DateTimeOffset Start, DateTimeOffset End)
{
    public static PeriodResponse From(BillingPeriod p) => new(p.Start, p.End);
}

public sealed record BillingLineResponse(string Description, long Amount, string Currency, PeriodResponse Period)
{
    public static BillingLineResponse From(BillingLine l) => new(l.Description, l.Amount.Minor, l.Amount.Currency.Code,
        PeriodResponse.From(l.Period));
}

public sealed record SubscribedAddOnResponse(string AddOnId, string Name, long UnitAmount, int Quantity);

public sealed record ScheduledChangeResponse(string PlanId, string PlanName, int Quantity);

/// <param name="PendingLines">Prorations waiting for the next invoice.</param>
/// <param name="NextRenewalAt">When the next invoice is made; null once canceled.</param>
public sealed record SubscriptionResponse(
    string Id, string CustomerId, string Status, string PlanId, string PlanName, long UnitAmount, string Currency, string Interval, int IntervalCount,
    int Quantity, IReadOnlyList<SubscribedAddOnResponse> AddOns, string CollectionMethod, int? DaysUntilDue, PeriodResponse CurrentPeriod,
    bool CurrentPeriodBilled, DateTimeOffset? NextRenewalAt, bool CancelAtPeriodEnd, DateTimeOffset? CanceledAt,
        ScheduledChangeResponse? ScheduledChange,
    IReadOnlyList<BillingLineResponse> PendingLines, long PendingTotal)
{
    public static SubscriptionResponse From(SubscriptionSnapshot s)
    {
        var subscription = Subscription.Restore(s);
        return new(s.Id.Value, s.Customer.Value, s.Status.ToString().ToLowerInvariant(), s.Plan.Id.Value, s.Plan.Name,
            s.Plan.PriceFor(s.CurrentPeriod.Start).Minor, s.Plan.Currency.Code, s.Plan.Interval.Unit.ToString()
            .ToLowerInvariant(), s.Plan.Interval.Count,
            s.Quantity, [.. s.AddOns.Select(a => new SubscribedAddOnResponse(a.AddOn.Id.Value, a.AddOn.Name, a.AddOn.Price.Minor, a.Quantity))],
            s.Collection == Domain.Invoices.CollectionMethod.SendInvoice ? "send_invoice" : "charge_automatically", s.DaysUntilDue,
            PeriodResponse.From(s.CurrentPeriod), s.CurrentPeriodBilled, subscription.NextRenewalAt, s.CancelAtPeriodEnd, s.CanceledAt,
            s.AtPeriodEnd is { } change ? new ScheduledChangeResponse(change.Plan.Id.Value, change.Plan.Name, change.Quantity) : null,
            [.. s.PendingLines.Select(BillingLineResponse.From)], s.PendingLines.Sum(l => l.Amount.Minor));
    }
}

public sealed record SubscriptionTimelineEntry(DateTimeOffset At, string Kind, string Detail);
