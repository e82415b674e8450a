using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Security.KeyVault.Secrets;
using BillingFunctions.Domain.Tenancy;

namespace BillingFunctions.App.Tenancy.Secrets;

/// <summary>
/// Azure: each credential is a Key Vault secret, one per tenant and kind, a new version per put. The row holds
/// <c>kv:{name}/{version}</c>; a version never changes, so values are cached for the app's lifetime.
/// </summary>
public sealed partial class KeyVaultTenantSecrets(SecretClient vault) : TenantSecretStore
{
    private const string Prefix = "kv:";
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    public override async Task<string> PutAsync(TenantId tenant, TenantSecretKind kind, string value, CancellationToken cancellationToken)
    {
        var secret = new KeyVaultSecret(SecretName(tenant, kind), value);
        secret.Properties.ContentType = "text/plain";
        secret.Properties.Tags["tenant"] = tenant.Value;
        secret.Properties.Tags["kind"] = kind.ToString();
        var stored = (await vault.SetSecretAsync(secret, cancellationToken).ConfigureAwait(false)).Value;
        var reference = Reference(stored.Name, stored.Properties.Version);
        _values[reference] = value;
        return reference;
    }

    public override async Task<string> GetAsync(TenantId tenant, TenantSecretKind kind, string reference, CancellationToken cancellationToken)
    {
        if (_values.TryGetValue(reference, out var cached)) return cached;
        if (ParseReference(reference) is not var (name, version) || name != SecretName(tenant, kind))
            throw new InvalidOperationException($"Tenant {tenant}'s {kind} is not a Key Vault reference to its own secret.");
        var secret = (await vault.GetSecretAsync(name, version, cancellationToken).ConfigureAwait(false)).Value;
        return _values[reference] = secret.Value;
    }

    /// <summary>
    /// Key Vault names allow letters, digits and '-': the tenant id with anything else made '-', and a hash of the
    /// exact id so that <c>a_b</c> and <c>a-b</c> stay apart.
    /// </summary>
    public static string SecretName(TenantId tenant, TenantSecretKind kind)
    {
        var readable = NotAllowed().Replace(tenant.Value, "-");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenant.Value)))[..8];
        var what = kind == TenantSecretKind.StripeSecretKey ? "stripe-secret-key" : "webhook-secret";
        return $"tenant-{readable}-{hash}-{what}";
    }

    public static string Reference(string name, string version) => $"{Prefix}{name}/{version}";

    public static (string Name, string Version)? ParseReference(string reference) =>
        reference.StartsWith(Prefix, StringComparison.Ordinal) && reference[Prefix.Length..]
            .Split('/') is [{ Length: > 0 } name, { Length: > 0 } version]
            ? (name, version)
            : null;

    [GeneratedRegex("[^A-Za-z0-9-]")]
    private static partial Regex NotAllowed();
}
