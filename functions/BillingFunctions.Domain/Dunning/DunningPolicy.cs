namespace BillingFunctions.Domain.Dunning;

/// <summary>What happens to the subscription once every retry has failed.</summary>
public enum SubscriptionOnExhaustion { Leave, Pause, Cancel }

/// <summary>A tenant's dunning rules, copied into each process when it starts so a later change does not reshuffle it.</summary>
public sealed record DunningPolicy
{
    /// <summary>
    /// Four retries, 1, 2, 4 and 7 days after the previous attempt: done within 14 days. Stripe's default retry
    /// policy is four retries (its dashboard lets the window be 1 week to 2 months); Stripe's classic custom schedule
    /// spaces them out growing. Two weeks keeps a monthly subscription from overlapping its next renewal.
    /// </summary>
    public static DunningPolicy Default { get; } = new(
        [TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(4), TimeSpan.FromDays(7)],
        SubscriptionOnExhaustion.Pause);

    public DunningPolicy(IReadOnlyList<TimeSpan> retryDelays, SubscriptionOnExhaustion onExhaustion, bool markUncollectible = true)
    {
        ArgumentNullException.ThrowIfNull(retryDelays);
        if (retryDelays.Count > 10)
            throw new ArgumentException("At most 10 retries: card networks penalise more.", nameof(retryDelays));
        if (retryDelays.Any(d => d <= TimeSpan.Zero))
            throw new ArgumentException("Retry delays must be positive.", nameof(retryDelays));
        RetryDelays = retryDelays.ToArray();
        OnExhaustion = onExhaustion;
        MarkUncollectible = markUncollectible;
    }

    /// <summary>Delay of each retry after the attempt before it.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; }

    public SubscriptionOnExhaustion OnExhaustion { get; }

    /// <summary>
    /// Whether the final step marks the invoice uncollectible in Stripe (off: it stays open, e.g. for a collection
    /// agency or a manual follow-up). Processes stored before this existed read it as true, the old behaviour.
    /// </summary>
    public bool MarkUncollectible { get; }

    /// <summary>How long a customer asked for a new card has before the final step: the whole retry window.</summary>
    public TimeSpan Window => RetryDelays.Aggregate(TimeSpan.Zero, (sum, d) => sum + d) is var total && total > TimeSpan.Zero
        ? total
        : TimeSpan.FromDays(7);
}
