using System.Security.Cryptography;
using System.Text;

namespace BillingFunctions.App.Tests.Testing;

/// <summary>Signs a body the way Stripe does: <c>t={unix},v1=hex(HMAC-SHA256(secret, "{t}.{body}"))</c>.</summary>
internal static class StripeSignature
{
    public static string Header(string body, string secret, DateTimeOffset? at = null)
    {
        var t = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <summary>
/// Tests that put messages on, or read them from, the app's shared queues (stripe-events and the outbox, whose names are
/// fixed) run one at a time: a live stack that runs every trigger would otherwise take another stack's message and
/// fail it against its own Stripe emulator, delaying it past the other test's patience.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StripeEventsQueueCollection
{
    public const string Name = "stripe-events queue";
}
