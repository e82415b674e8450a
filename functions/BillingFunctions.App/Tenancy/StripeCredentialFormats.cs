using System.Text.RegularExpressions;

namespace BillingFunctions.App.Tenancy;

/// <summary>
/// The shapes Stripe issues credentials in, checked before anything is stored: a typo or a placeholder ("x") would
/// otherwise only show when the first charge or webhook fails.
/// </summary>
public static partial class StripeCredentialFormats
{
    public const string SecretKeyRule = "A Stripe secret key looks like sk_test_..., sk_live_..., rk_test_... or rk_live_... followed by at least 16 letters or digits.";
    public const string WebhookSecretRule = "A Stripe webhook signing secret looks like whsec_ followed by 24 to 256 letters, digits, '+', '/' or '='.";

    public static bool IsSecretKey(string value) => SecretKey().IsMatch(value);

    public static bool IsWebhookSecret(string value) => WebhookSecret().IsMatch(value);

    // Stripe documents keys as up to 255 characters.
    [GeneratedRegex("^(sk|rk)_(test|live)_[A-Za-z0-9]{16,247}$")]
    private static partial Regex SecretKey();

    [GeneratedRegex("^whsec_[A-Za-z0-9+/=]{24,256}$")]
    private static partial Regex WebhookSecret();
}
