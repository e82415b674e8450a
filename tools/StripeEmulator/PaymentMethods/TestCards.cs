namespace StripeEmulator.PaymentMethods;

/// <summary>Why a card is refused, with Stripe's <c>code</c> and <c>decline_code</c>.</summary>
internal sealed record Decline(string Code, string? DeclineCode, string Message, string? Param = null);

/// <summary>A card from Stripe's testing documentation and how it behaves.</summary>
internal sealed record TestCard(string Brand, string Last4, string Funding, Decline? OnAttach, Decline? OnCharge)
{
    public static readonly Decline Generic = new("card_declined", "generic_decline", "Your card was declined.");
    public static readonly Decline InsufficientFunds = new("card_declined", "insufficient_funds", "Your card has insufficient funds.");
    public static readonly Decline LostCard = new("card_declined", "lost_card", "Your card was declined.");
    public static readonly Decline StolenCard = new("card_declined", "stolen_card", "Your card was declined.");
    public static readonly Decline Expired = new("expired_card", null, "Your card has expired.", "exp_month");
    public static readonly Decline Processing = new("processing_error", null,
        "An error occurred while processing your card. Try again in a little bit.");

    private static TestCard Declining(string last4, Decline decline) => new("visa", last4, "credit", decline, decline);

    // The declining cards fail Stripe's card check when attached too; 4000000000000341 is the one
    // that attaches and only fails when charged, which is what dunning tests need.
    private static readonly Dictionary<string, TestCard> ByToken = new(StringComparer.Ordinal)
    {
        ["pm_card_visa"] = new("visa", "4242", "credit", null, null),
        ["pm_card_visa_debit"] = new("visa", "5556", "debit", null, null),
        ["pm_card_mastercard"] = new("mastercard", "4444", "credit", null, null),
        ["pm_card_amex"] = new("amex", "8431", "credit", null, null),
        ["pm_card_chargeDeclined"] = Declining("0002", Generic),
        ["pm_card_visa_chargeDeclined"] = Declining("0002", Generic),
        ["pm_card_chargeDeclinedInsufficientFunds"] = Declining("9995", InsufficientFunds),
        ["pm_card_visa_chargeDeclinedInsufficientFunds"] = Declining("9995", InsufficientFunds),
        ["pm_card_chargeDeclinedLostCard"] = Declining("9987", LostCard),
        ["pm_card_visa_chargeDeclinedLostCard"] = Declining("9987", LostCard),
        ["pm_card_chargeDeclinedStolenCard"] = Declining("9979", StolenCard),
        ["pm_card_visa_chargeDeclinedStolenCard"] = Declining("9979", StolenCard),
        ["pm_card_chargeDeclinedExpiredCard"] = Declining("0069", Expired),
        ["pm_card_chargeDeclinedProcessingError"] = Declining("0119", Processing),
        ["pm_card_chargeCustomerFail"] = new("visa", "0341", "credit", null, Generic),
    };

    public static IReadOnlyCollection<string> Tokens => ByToken.Keys;

    public static TestCard? Find(string token) => ByToken.GetValueOrDefault(token);
}
