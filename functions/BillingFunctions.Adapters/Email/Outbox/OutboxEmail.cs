using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BillingFunctions.Adapters.Email.Outbox;

/// <summary>An email waiting on the outbox queue. The idempotency key names the business step that asked for it.</summary>
public sealed record OutboxEmail(string TenantId, string IdempotencyKey, EmailMessage Message)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A Message-ID derived from the key, so the same step always produces the same id.</summary>
    public static string MessageIdFor(string tenantId, string idempotencyKey, string domain) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenantId + "\n" + idempotencyKey)))[..32] + "@" + domain;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static OutboxEmail FromJson(string json) =>
        JsonSerializer.Deserialize<OutboxEmail>(json, Json) ?? throw new FormatException("Empty outbox message.");
}
