using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>
/// Checks the <c>Stripe-Signature</c> header of a webhook delivery: HMAC-SHA256 of <c>{t}.{raw body}</c> under
/// any of the endpoint's active secrets (several during a rotation) must equal any of the header's <c>v1</c>
/// signatures, and <c>t</c> must be within the tolerance of now. Rejections are values with a reason.
/// </summary>
public sealed class StripeWebhookVerifier
{
    /// <summary>Stripe's default tolerance: five minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    private const int SignatureLength = 32;
    private readonly TimeProvider time;
    private readonly TimeSpan tolerance;

    /// <summary>Creates a verifier.</summary>
    /// <param name="timeProvider">The clock timestamps are compared with; the system clock when null.</param>
    /// <param name="tolerance">How far the signature's timestamp may be from now; <see cref="DefaultTolerance"/> when null.</param>
    public StripeWebhookVerifier(TimeProvider? timeProvider = null, TimeSpan? tolerance = null)
    {
        time = timeProvider ?? TimeProvider.System;
        this.tolerance = tolerance ?? DefaultTolerance;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(this.tolerance, TimeSpan.Zero, nameof(tolerance));
    }

    /// <summary>Verifies a delivery given its body as a string (it is signed as UTF-8).</summary>
    public WebhookVerificationResult Verify(string payload, string? signatureHeader, IReadOnlyList<string> secrets) =>
        Verify(Encoding.UTF8.GetBytes(payload), signatureHeader, secrets);

    /// <summary>Verifies a delivery.</summary>
    /// <param name="payload">The raw request body, byte for byte as received.</param>
    /// <param name="signatureHeader">The <c>Stripe-Signature</c> header.</param>
    /// <param name="secrets">The endpoint's active signing secrets (<c>whsec_...</c>), at least one.</param>
    public WebhookVerificationResult Verify(ReadOnlySpan<byte> payload, string? signatureHeader, IReadOnlyList<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.Count == 0 || secrets.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("At least one non-empty webhook secret is required", nameof(secrets));
        }
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return new(WebhookRejection.MissingHeader, null);
        }
        if (!SignatureHeader.TryParse(signatureHeader, out var header))
        {
            return new(WebhookRejection.MalformedHeader, null);
        }
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(header.Timestamp);
        if (header.V1Signatures.Count == 0)
        {
            return new(WebhookRejection.NoV1Signature, signedAt);
        }
        if (!AnySignatureMatches(header, payload, secrets))
        {
            return new(WebhookRejection.NoMatchingSignature, signedAt);
        }
        var age = time.GetUtcNow() - signedAt;
        return age.Duration() > tolerance
            ? new(WebhookRejection.TimestampOutsideTolerance, signedAt)
            : new(WebhookRejection.None, signedAt);
    }

    private static bool AnySignatureMatches(SignatureHeader header, ReadOnlySpan<byte> payload, IReadOnlyList<string> secrets)
    {
        // Stripe signs the timestamp text exactly as it appears in the header, a dot, then the raw body.
        var prefix = Encoding.ASCII.GetBytes(header.TimestampText + ".");
        var signed = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(signed, 0);
        payload.CopyTo(signed.AsSpan(prefix.Length));

        Span<byte> expected = stackalloc byte[SignatureLength];
        Span<byte> candidate = stackalloc byte[SignatureLength];
        var matched = false;
        foreach (var secret in secrets)
        {
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed, expected);
            foreach (var hex in header.V1Signatures)
            {
                if (hex.Length == SignatureLength * 2
                    && Convert.FromHexString(hex, candidate, out _, out var written) == OperationStatus.Done
                    && written == SignatureLength)
                {
                    // Keep comparing after a match so the time spent does not tell which secret matched.
                    matched |= CryptographicOperations.FixedTimeEquals(expected, candidate);
                }
            }
        }
        return matched;
    }

    private sealed record SignatureHeader(string TimestampText, long Timestamp, IReadOnlyList<string> V1Signatures)
    {
        public static bool TryParse(string header, out SignatureHeader parsed)
        {
            parsed = null!;
            string? timestampText = null;
            var v1 = new List<string>();
            foreach (var item in header.Split(','))
            {
                var equals = item.IndexOf('=');
                if (equals <= 0)
                {
                    return false;
                }
                var key = item[..equals].Trim();
                var value = item[(equals + 1)..].Trim();
                if (key == "t")
                {
                    if (timestampText is not null)
                    {
                        return false;
                    }
                    timestampText = value;
                }
                else if (key == "v1")
                {
                    v1.Add(value);
                }
            }
            if (timestampText is null
                || !long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
                || timestamp > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                return false;
            }
            parsed = new SignatureHeader(timestampText, timestamp, v1);
            return true;
        }
    }
}
