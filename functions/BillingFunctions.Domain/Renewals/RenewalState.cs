using BillingFunctions.Domain.Subscriptions;

namespace BillingFunctions.Domain.Renewals;

public enum RenewalPhase { Waiting, Claiming, Creating, Finalizing, Collecting, Advancing, AwaitingPayment, Done }

/// <summary>
/// One renewal: one subscription, one period, one invoice. The subscription itself stays in its store, the source
/// of truth; the renewal holds only what its claim on the period returned (<see cref="Claim"/>).
/// </summary>
public sealed record RenewalState
{
    public required string InstanceId { get; init; }
    public required SubscriptionId Subscription { get; init; }
    /// <summary>The start of the period billed; the renewal does nothing before it.</summary>
    public required DateTimeOffset DueAt { get; init; }
    public RenewalPhase Phase { get; init; } = RenewalPhase.Waiting;
    /// <summary>Counts decisions that performed effects; with the instance id it keys them.</summary>
    public int Step { get; init; }
    /// <summary>The period's invoice lines and billing terms, as the claim on the stored subscription fixed them.</summary>
    public PeriodClaimed? Claim { get; init; }
    public string? StripeInvoiceId { get; init; }
    public bool Paid { get; init; }
    public string? Outcome { get; init; }

    /// <summary>Deterministic, so a second start of the same renewal finds the first.</summary>
    public static string InstanceIdFor(SubscriptionId subscription, DateTimeOffset periodStart) =>
        $"renewal:{subscription}:{periodStart.ToUniversalTime():yyyyMMdd'T'HHmmss'Z'}";

    public static RenewalState Start(SubscriptionId subscription, DateTimeOffset dueAt) =>
        new() { InstanceId = InstanceIdFor(subscription, dueAt), Subscription = subscription, DueAt = dueAt };

    /// <summary>The renewal of the subscription's next due period.</summary>
    public static RenewalState Start(SubscriptionSnapshot subscription) =>
        Start(subscription.Id, Subscriptions.Subscription.Restore(subscription).NextRenewalAt
            ?? throw new InvalidOperationException($"Subscription {subscription.Id} is canceled and does not renew."));

    public string NextKey => $"{InstanceId}:{Step}";
}
