using BillingFunctions.Domain.Catalog;
using BillingFunctions.Domain.Invoices;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.Domain.Subscriptions;

public readonly record struct SubscriptionId(string Value) { public override string ToString() => Value; }

public enum SubscriptionStatus { Trialing, Active, Paused, Canceled }

public sealed record AddOnItem(AddOn AddOn, int Quantity);

/// <summary>A plan or quantity change waiting for the end of the current period.</summary>
public sealed record ScheduledChange(Plan Plan, int Quantity);

/// <summary>One entry of a subscription's timeline: what changed, when, and the figures.</summary>
public sealed record SubscriptionChange(DateTimeOffset At, string Kind, string Detail);

/// <summary>From <see cref="From"/> on, the subscription brought this much monthly recurring revenue, in the plan's minor units.</summary>
public sealed record MrrPoint(DateTimeOffset From, long Monthly);

/// <summary>Everything a subscription is, as stored; <see cref="Subscription"/> guards how it may change.</summary>
public sealed record SubscriptionSnapshot
{
    public required SubscriptionId Id { get; init; }
    public required TenantId Tenant { get; init; }
    public required CustomerId Customer { get; init; }
    public required Plan Plan { get; init; }
    public required int Quantity { get; init; }
    public IReadOnlyList<AddOnItem> AddOns { get; init; } = [];
    public required CollectionMethod Collection { get; init; }
    public int? DaysUntilDue { get; init; }
    public required BillingSchedule Schedule { get; init; }
    public required SubscriptionStatus Status { get; init; }
    public required BillingPeriod CurrentPeriod { get; init; }
    /// <summary>Whether the current period's invoice was made (periods bill in advance, at their start).</summary>
    public bool CurrentPeriodBilled { get; init; }
    public ScheduledChange? AtPeriodEnd { get; init; }
    public bool CancelAtPeriodEnd { get; init; }
    public DateTimeOffset? CanceledAt { get; init; }
    public IReadOnlyList<BillingLine> PendingLines { get; init; } = [];
    public IReadOnlyList<SubscriptionChange> Timeline { get; init; } = [];
    /// <summary>
    /// Every change of the subscription's MRR, oldest first, dated by business time (a renewal by its period's start), so
    /// any month's MRR can be read back. Empty in rows written before it existed.
    /// </summary>
    public IReadOnlyList<MrrPoint> MrrHistory { get; init; } = [];
}

/// <summary>What <see cref="Subscription.Create"/> needs.</summary>
public sealed record NewSubscription
{
    public required SubscriptionId Id { get; init; }
    public required TenantId Tenant { get; init; }
    public required CustomerId Customer { get; init; }
    public required Plan Plan { get; init; }
    public int Quantity { get; init; } = 1;
    public IReadOnlyList<AddOnItem> AddOns { get; init; } = [];
    public required DateTimeOffset Start { get; init; }
    /// <summary>Day of month the periods renew on; the start's day when null.</summary>
    public int? AnchorDay { get; init; }
    /// <summary>A free trial ending then; billing starts and anchors there, as Stripe does.</summary>
    public DateTimeOffset? TrialEnd { get; init; }
    public CollectionMethod Collection { get; init; } = CollectionMethod.ChargeAutomatically;
    public int? DaysUntilDue { get; init; }
}

/// <summary>One period's invoice: the lines billed for <see cref="Period"/>, prorations from before included.</summary>
public sealed record RenewalInvoice(BillingPeriod Period, IReadOnlyList<BillingLine> Lines);

/// <summary>The proration lines a change left for the next invoice (none outside a billed period).</summary>
public sealed record Prorated(IReadOnlyList<BillingLine> Lines);
