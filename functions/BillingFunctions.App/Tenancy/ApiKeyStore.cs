using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tenancy;

public sealed record IssuedApiKey(string KeyId, string Secret);

public sealed record ApiKeyInfo(string KeyId, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);

/// <summary>
/// Tenant API keys: 32 random bytes, shown once. Only the SHA-256 of a key is stored, as the row key of the
/// lookup table, so authenticating is one point read and a leaked table does not leak keys. (A fast hash is
/// enough: the key has 256 bits of entropy, so there is nothing to brute-force.)
/// </summary>
public class ApiKeyStore(BillingTables tables, TimeProvider time)
{
    private const string Prefix = "bfk_";

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public virtual async Task<IssuedApiKey> IssueAsync(TenantId tenant, UserId createdBy, CancellationToken cancellationToken)
    {
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var keyId = "key_" + Base64Url(RandomNumberGenerator.GetBytes(9));
        var hash = Hash(secret);
        await tables.Billing.AddEntityAsync(new TableEntity(tenant.Value, "key|" + keyId)
        {
            ["Hash"] = hash, ["CreatedAt"] = time.GetUtcNow(), ["CreatedBy"] = createdBy.Value,
        }, cancellationToken);
        await tables.ApiKeys.AddEntityAsync(new TableEntity(hash, "key") { ["TenantId"] = tenant.Value, ["KeyId"] = keyId }, cancellationToken);
        return new IssuedApiKey(keyId, secret);
    }

    /// <summary>The tenant the key belongs to, or null for an unknown or revoked key.</summary>
    public virtual async Task<TenantId?> FindTenantAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var row = await tables.ApiKeys.GetEntityOrNullAsync(Hash(secret), "key", cancellationToken: cancellationToken);
        return row?.GetString("TenantId") is { } tenant ? new TenantId(tenant) : null;
    }

    public virtual async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var filter = StorageExtensions.PrefixFilter(tenant.Value, "key|");
        var keys = new List<ApiKeyInfo>();
        await foreach (var row in tables.Billing.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            keys.Add(new ApiKeyInfo(row.RowKey["key|".Length..], row.GetDateTimeOffset("CreatedAt")!.Value, row.GetString("CreatedBy")!,
                row.GetDateTimeOffset("RevokedAt")));
        return keys;
    }

    /// <summary>Revokes a key of this tenant; false when the tenant has no such key. Revoking twice is harmless.</summary>
    public virtual async Task<bool> RevokeAsync(TenantId tenant, string keyId, CancellationToken cancellationToken)
    {
        var row = await tables.Billing.GetEntityOrNullAsync(tenant.Value, "key|" + keyId, cancellationToken: cancellationToken);
        if (row is null) return false;
        // Lookup row first: once it is gone the key stops working, whatever happens to the bookkeeping row.
        await tables.ApiKeys.DeleteEntityAsync(row.GetString("Hash")!, "key", cancellationToken: cancellationToken);
        if (row.GetDateTimeOffset("RevokedAt") is null)
            await tables.Billing.UpsertEntityAsync(new TableEntity(tenant.Value, row.RowKey) { ["RevokedAt"] = time.GetUtcNow() },
                cancellationToken: cancellationToken);
        return true;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
