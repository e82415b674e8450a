namespace BillingFunctions.Domain.Dunning;

public enum DeclineKind
{
    /// <summary>The same card may pay later (funds, issuer hiccup): retry on the schedule.</summary>
    Soft,

    /// <summary>The issuer will not approve this card again: retrying is pointless and can draw network fines.</summary>
    Hard,
}

/// <summary>
/// Sorts Stripe <c>decline_code</c>s into retry-worthy and not. Source: Stripe's decline code table
/// (docs.stripe.com/declines/codes) and the "non-retryable decline codes" Stripe Billing refuses to retry
/// (docs.stripe.com/billing/revenue-recovery/smart-retries). Codes that need the customer to give a new card
/// or authorisation count as hard: a retry on the same card cannot succeed. Unknown and missing codes count
/// as soft, as Stripe itself retries them.
/// </summary>
public static class DeclineCodes
{
    private static readonly HashSet<string> Hard = new(StringComparer.Ordinal)
    {
        // The card is gone or was never valid.
        "lost_card", "stolen_card", "pickup_card", "expired_card",
        "incorrect_number", "invalid_number", "invalid_account", "invalid_expiry_month", "invalid_expiry_year",
        "new_account_information_available",
        // The issuer or cardholder has forbidden this merchant or this kind of charge.
        "fraudulent", "merchant_blacklist", "restricted_card", "security_violation", "stop_payment_order",
        "revocation_of_authorization", "revocation_of_all_authorizations", "do_not_try_again",
        "card_not_supported", "currency_not_supported", "transaction_not_allowed",
        // Off-session charges cannot complete 3-D Secure; the customer must pay on the hosted page.
        "authentication_required",
    };

    public static DeclineKind Classify(string? declineCode) =>
        declineCode is not null && Hard.Contains(declineCode.Trim().ToLowerInvariant()) ? DeclineKind.Hard : DeclineKind.Soft;
}
