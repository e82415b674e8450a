using BillingFunctions.Domain.Common;

namespace BillingFunctions.Domain.Catalog;

public enum IntervalUnit { Month, Quarter, Year }

/// <summary>How often a plan bills: every <see cref="Count"/> months, quarters or years.</summary>
public readonly record struct BillingInterval
{
    public const int MaxMonths = 36;

    /// <summary>Restores a stored interval; <see cref="Of"/> validates new ones.</summary>
    public BillingInterval(IntervalUnit unit, int count) => (Unit, Count) = (unit, count);

    public IntervalUnit Unit { get; }
    public int Count { get; }

    /// <summary>Every interval is a whole number of months, which is what period arithmetic needs.</summary>
    public int Months => Count * Unit switch { IntervalUnit.Month => 1, IntervalUnit.Quarter => 3, _ => 12 };

    public static BillingInterval Monthly => new(IntervalUnit.Month, 1);
    public static BillingInterval Quarterly => new(IntervalUnit.Quarter, 1);
    public static BillingInterval Yearly => new(IntervalUnit.Year, 1);

    /// <summary>Stripe's limit: an interval is at most three years.</summary>
    public static Result<BillingInterval> Of(IntervalUnit unit, int count)
    {
        var interval = new BillingInterval(unit, count);
        if (count < 1 || interval.Months > MaxMonths) return DomainError.Invalid("A billing interval is between one month and three years.");
        return interval;
    }

    public override string ToString() => Count == 1 ? Unit.ToString().ToLowerInvariant() : $"{Count} {Unit.ToString().ToLowerInvariant()}s";
}
