namespace Benchmarks.Dunning;

/// <summary>What a customer whose payment failed does next, and after how many days.</summary>
internal enum CustomerReaction
{
    /// <summary>Nothing: the card keeps failing.</summary>
    None,

    /// <summary>Money arrives on the same card (modelled by silently making the saved card a good one); only a retry notices.</summary>
    FundsReturn,

    /// <summary>Adds a new card in the billing portal; the process hears about it (CardUpdated) and charges at once.</summary>
    UpdatesCard,

    /// <summary>Pays on the hosted invoice page with another card; the process hears invoice.paid.</summary>
    PaysOnHostedPage,
}

/// <summary>One failed invoice of the population: how the first charge failed and what the customer does.</summary>
internal sealed record FailureCase(int Index, string? FirstDeclineCard, CustomerReaction Reaction, double ReactionAfterDays)
{
    public bool IsHardDecline => FirstDeclineCard is not null;
}

/// <summary>
/// A seeded population of failed renewals. The shares are assumptions (printed with the figures), not data:
/// 80% soft declines (the saved card, test card 4000000000000341, fails with generic_decline), 20% hard declines
/// (the emulator's lost, stolen and expired test cards).
/// </summary>
internal static class FailurePopulation
{
    private static readonly string[] HardCards = ["pm_card_chargeDeclinedLostCard", "pm_card_chargeDeclinedStolenCard",
        "pm_card_chargeDeclinedExpiredCard"];

    public const string Assumptions =
        "soft 80%: funds return 35% (after 0.5-10 d), new card 20% (0.2-6 d), hosted page 10% (0.5-12 d), nothing 35%; " +
        "hard 20%: new card 45% (0.2-8 d), hosted page 10% (1-12 d), nothing 45%";

    public static IReadOnlyList<FailureCase> Generate(int count, int seed)
    {
        // One generator per kind of draw: with a single seeded stream the cohort draw and the reaction draw of a case
        // came out visibly correlated (hard declines reacted far more often than the stated shares).
        var cohorts = new Random(seed);
        var reactions = new Random(unchecked(seed * 7919 + 1));
        var random = new Random(unchecked(seed * 104729 + 2));
        var cases = new List<FailureCase>(count);
        for (var i = 0; i < count; i++)
        {
            var hard = cohorts.NextDouble() < 0.2;
            var roll = reactions.NextDouble();
            var (reaction, from, to) = hard
                ? roll switch
                {
                    < 0.45 => (CustomerReaction.UpdatesCard, 0.2, 8.0),
                    < 0.55 => (CustomerReaction.PaysOnHostedPage, 1.0, 12.0),
                    _ => (CustomerReaction.None, 0.0, 0.0),
                }
                : roll switch
                {
                    < 0.35 => (CustomerReaction.FundsReturn, 0.5, 10.0),
                    < 0.55 => (CustomerReaction.UpdatesCard, 0.2, 6.0),
                    < 0.65 => (CustomerReaction.PaysOnHostedPage, 0.5, 12.0),
                    _ => (CustomerReaction.None, 0.0, 0.0),
                };
            var after = from + random.NextDouble() * (to - from);
            cases.Add(new(i, hard ? HardCards[random.Next(HardCards.Length)] : null, reaction, after));
        }
        return cases;
    }
}
