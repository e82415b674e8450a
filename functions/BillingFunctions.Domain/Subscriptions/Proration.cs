using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.Domain.Subscriptions;

/// <summary>A line waiting for the subscription's next invoice: a proration credit or charge, or a period's charge.</summary>
public sealed record BillingLine(string Description, Money Amount, BillingPeriod Period);

/// <summary>
/// Proration as Stripe computes it: a credit for the unused time of what was billed and a charge for the
/// remaining time of what replaces it, each the full period amount times the remaining share of the period,
/// measured in seconds and rounded to the nearest minor unit (halves away from zero) or, in the three-decimal
/// currencies, to the nearest ten, as Stripe takes them (<see cref="Money.Share"/>).
/// </summary>
public static class Proration
{
    /// <summary>The share of <paramref name="amount"/> for the rest of <paramref name="period"/> after <paramref name="at"/>.</summary>
    public static Money Remaining(Money amount, BillingPeriod period, DateTimeOffset at)
    {
        if (!period.Contains(at)) throw new ArgumentOutOfRangeException(nameof(at), $"{at:O} is outside {period}.");
        return amount.Share((long)(period.End - at).TotalSeconds, (long)period.Length.TotalSeconds);
    }

    /// <summary>The credit and charge lines for replacing <paramref name="oldAmount"/> by <paramref name="newAmount"/> at
    /// <paramref name="at"/>.</summary>
    public static IReadOnlyList<BillingLine> ForChange(string oldDescription, Money oldAmount, string newDescription, Money newAmount,
        BillingPeriod period, DateTimeOffset at)
    {
        var rest = new BillingPeriod(at, period.End);
        return
        [
            new($"Unused time on {oldDescription} after {at:yyyy-MM-dd HH:mm}", -Remaining(oldAmount, period, at), rest),
            new($"Remaining time on {newDescription} after {at:yyyy-MM-dd HH:mm}", Remaining(newAmount, period, at), rest),
        ];
    }
}
