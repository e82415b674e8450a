using BillingFunctions.Domain.Subscriptions;

namespace BillingFunctions.Domain.Renewals;

public enum RenewalPhase { Waiting, Creating, Finalizing, Collecting, Advancing, AwaitingPayment, Done }

/// <summary>One renewal: one subscription, one period, one invoice.</summary>
public sealed record RenewalState
{
    public required string InstanceId { get; init; }
    public required string StripeCustomer { get; init; }
    /// <summary>The subscription as it stood before this renewal.</summary>
    public required SubscriptionSnapshot Subscription { get; init; }
    /// <summary>The start of the period billed; the renewal does nothing before it.</summary>
    public required DateTimeOffset DueAt { get; init; }
    public RenewalPhase Phase { get; init; } = RenewalPhase.Waiting;
    /// <summary>Counts decisions that performed effects; with the instance id it keys them.</summary>
    public int Step { get; init; }
    public SubscriptionSnapshot? Renewed { get; init; }
    public RenewalInvoice? Invoice { get; init; }
    public string? StripeInvoiceId { get; init; }
    public bool Paid { get; init; }
    public string? Outcome { get; init; }

    /// <summary>Deterministic, so a second start of the same renewal finds the first.</summary>
    public static string InstanceIdFor(SubscriptionId subscription, DateTimeOffset periodStart) =>
        $"renewal:{subscription}:{periodStart.ToUniversalTime():yyyyMMdd'T'HHmmss'Z'}";

    public static RenewalState Start(SubscriptionSnapshot subscription, string stripeCustomer)
    {
        var due = Subscriptions.Subscription.Restore(subscription).NextRenewalAt
            ?? throw new InvalidOperationException($"Subscription {subscription.Id} is canceled and does not renew.");
        return new() { InstanceId = InstanceIdFor(subscription.Id, due), StripeCustomer = stripeCustomer, Subscription = subscription, DueAt = due };
    }

    public string NextKey => $"{InstanceId}:{Step}";
}
