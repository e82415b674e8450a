using System.Security.Cryptography;
using System.Text;

namespace StripeEmulator.Webhooks;

/// <summary>Stripe's scheme: <c>t=unix,v1=hex(HMAC-SHA256(secret, "{t}.{body}"))</c>.</summary>
internal static class WebhookSigner
{
    public static string Header(string secret, long timestamp, string body)
    {
        var signed = Encoding.UTF8.GetBytes($"{timestamp}.{body}");
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
