using StripeEmulator.Http;

namespace StripeEmulator.Payments;

/// <summary>
/// Stripe's rule for the three-decimal currencies: it charges them to two decimals' precision, so every amount in them
/// must end in 0 ("your integration must round amounts to the nearest ten"), and the API refuses one that does not.
/// </summary>
internal static class ChargeableAmounts
{
    private static readonly HashSet<string> ThreeDecimal = ["bhd", "jod", "kwd", "omr", "tnd"];

    /// <summary>Throws Stripe's 400 when <paramref name="amount"/> in <paramref name="currency"/> is one Stripe does not charge.</summary>
    public static void Require(long? amount, string currency, string param)
    {
        if (amount is not { } value || !ThreeDecimal.Contains(currency) || value % 10 == 0) return;
        throw ApiException.InvalidRequest(
            $"Invalid {param}: {value}. Amounts in {currency} must be a multiple of 10 (the last digit must be 0), because "
            + $"{currency} is a three-decimal currency that is charged to two decimals' precision. Round the amount to the nearest ten.",
            param);
    }
}
