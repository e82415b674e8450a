using Stripe;

namespace BillingFunctions.Adapters.StripeApi;

/// <summary>
/// One Stripe account as the app acts for it: the shared <see cref="StripeClient"/>, the secret key, and the Connect
/// account when the key is the platform's acting for one. Every call names the account in its <see cref="RequestOptions"/>,
/// so one client serves every tenant and its handler paces each account on its own.
/// </summary>
public sealed class StripeAccount(StripeClient client, string apiKey, string? connectedAccount = null)
{
    /// <summary>Stripe refuses longer idempotency keys.</summary>
    public const int MaxIdempotencyKeyLength = 255;

    /// <summary>The services of API v1.</summary>
    public V1Services V1 => client.V1;

    /// <summary>The Connect account (<c>acct_...</c>) acted for; null for the key's own account.</summary>
    public string? ConnectedAccount => connectedAccount;

    /// <summary>Options of a read.</summary>
    public RequestOptions Read() => new() { ApiKey = apiKey, StripeAccount = connectedAccount };

    /// <summary>
    /// Options of a write, keyed by the business step: Stripe's own retries reuse the key, and a step repeated after a
    /// crash gets the first answer again instead of a second charge.
    /// </summary>
    public RequestOptions Write(string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(idempotencyKey.Length, MaxIdempotencyKeyLength, nameof(idempotencyKey));
        return new() { ApiKey = apiKey, StripeAccount = connectedAccount, IdempotencyKey = idempotencyKey };
    }
}
