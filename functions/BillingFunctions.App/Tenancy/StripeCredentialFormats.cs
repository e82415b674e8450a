using System.Text.RegularExpressions;

namespace BillingFunctions.App.Tenancy;

/// <summary>
/// The shapes Stripe issues credentials in, checked before anything is stored: a typo or a placeholder ("x") would
/// otherwise only show when the first charge or webhook fails.
/// </summary>
public static partial class StripeCredentialFormats
{
    // Stripe documents its keys and object ids as up to 255 characters; a signing secret is whsec_ and at most 256 more.
    public const int MaxSecretKeyLength = 255;
    public const int MaxAccountIdLength = 255;
    public const int MaxWebhookSecretLength = 262;

    public static readonly string SecretKeyRule =
        $"A Stripe secret key looks like sk_test_..., sk_live_..., rk_test_... or rk_live_... followed by at least 16 letters or digits, at most " +
        $"{MaxSecretKeyLength} characters in all.";
    public static readonly string WebhookSecretRule =
        $"A Stripe webhook signing secret looks like whsec_ followed by at least 24 letters, digits, '+', '/' or '=', at most " +
        $"{MaxWebhookSecretLength} characters in all.";
    public static readonly string AccountIdRule = $"A Connect account id looks like acct_..., at most {MaxAccountIdLength} characters.";

    public static bool IsSecretKey(string value) => value.Length <= MaxSecretKeyLength && SecretKey().IsMatch(value);

    public static bool IsWebhookSecret(string value) => value.Length <= MaxWebhookSecretLength && WebhookSecret().IsMatch(value);

    public static bool IsAccountId(string value) => value.Length <= MaxAccountIdLength && value.StartsWith("acct_", StringComparison.Ordinal);

    [GeneratedRegex("^(sk|rk)_(test|live)_[A-Za-z0-9]{16,}$")]
    private static partial Regex SecretKey();

    [GeneratedRegex("^whsec_[A-Za-z0-9+/=]{24,}$")]
    private static partial Regex WebhookSecret();
}
