using Azure;
using Azure.Security.KeyVault.Secrets;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Http;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Tenancy.Secrets;
using BillingFunctions.App.Tests.Api;
using BillingFunctions.Domain.Monetary;
using BillingFunctions.Domain.Tenancy;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Tenancy;

/// <summary>
/// The Key Vault store without a vault: what it sends to Key Vault and what it leaves in the row. SecretClient is
/// replaced by the Azure SDK's mocking pattern (a subclass), so this says nothing about a real vault's behaviour.
/// </summary>
public sealed class KeyVaultTenantSecretsTests
{
    [Fact]
    public void Secret_names_are_valid_key_vault_names_and_distinct_per_tenant_and_kind()
    {
        var names = new[] { "ten_0123456789abcdef", "ten-0123456789abcdef", new string('a', 64) }
            .SelectMany(t => Enum.GetValues<TenantSecretKind>().Select(k => KeyVaultTenantSecrets.SecretName(new TenantId(t), k)))
            .ToList();

        Assert.All(names, n => Assert.Matches("^[0-9A-Za-z-]{1,127}$", n));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(("tenant-x-2d711642-webhook-secret", "v1"), KeyVaultTenantSecrets.ParseReference(
            KeyVaultTenantSecrets.Reference(KeyVaultTenantSecrets.SecretName(new TenantId("x"), TenantSecretKind.WebhookSecret), "v1")));
        Assert.Null(KeyVaultTenantSecrets.ParseReference("dp:abc"));
    }

    [Fact]
    public async Task The_row_holds_a_versioned_reference_and_the_value_is_read_back_from_the_vault()
    {
        var vault = new RecordingVault();
        var tables = BillingTables.Named(ApiHost.AzuriteConnectionString, "t" + Guid.NewGuid().ToString("N"), "t" + Guid.NewGuid().ToString("N"));
        await tables.CreateIfNotExistsAsync(CancellationToken.None);
        var key = "sk_live_" + Guid.NewGuid().ToString("N");
        var tenant = new Tenant(new TenantId("ten_kv"), "Vaulted", Currency.Eur, "UTC", key, null, "whsec_" + Guid.NewGuid().ToString("N"),
            DateTimeOffset.UnixEpoch);

        await new TenantDirectory(tables, new KeyVaultTenantSecrets(vault)).AddAsync(tenant, CancellationToken.None);

        TableEntity row = await tables.Billing.GetEntityAsync<TableEntity>(BillingTables.PlatformPartition, "ten|ten_kv");
        Assert.DoesNotContain(row.Select(p => p.Value), v => v is string s && (s.Contains("sk_") || s.Contains("whsec_")));
        Assert.Equal($"kv:{KeyVaultTenantSecrets.SecretName(tenant.Id, TenantSecretKind.StripeSecretKey)}/1", row.GetString("StripeSecretKeyRef"));
        // A fresh store has nothing cached: it must ask the vault for that version.
        var read = await new TenantDirectory(tables, new KeyVaultTenantSecrets(vault)).GetAsync(tenant.Id, CancellationToken.None);
        Assert.Equal((key, tenant.WebhookSecret), (read!.StripeSecretKey, read.WebhookSecret));
        Assert.Equal(2, vault.Reads);
    }

    /// <summary>Versions numbered 1, 2, ... per name; counts reads.</summary>
    private sealed class RecordingVault : SecretClient
    {
        private readonly Dictionary<string, List<string>> _versions = [];

        public int Reads { get; private set; }

        public override Task<Response<KeyVaultSecret>> SetSecretAsync(KeyVaultSecret secret, CancellationToken cancellationToken = default)
        {
            var versions = _versions.TryGetValue(secret.Name, out var list) ? list : _versions[secret.Name] = [];
            versions.Add(secret.Value);
            return Task.FromResult(Response.FromValue(Secret(secret.Name, versions.Count.ToString(), secret.Value), null!));
        }

        public override Task<Response<KeyVaultSecret>> GetSecretAsync(string name, string? version = null,
            CancellationToken cancellationToken = default)
        {
            Reads++;
            var versions = _versions[name];
            var number = version is null ? versions.Count : int.Parse(version);
            return Task.FromResult(Response.FromValue(Secret(name, number.ToString(), versions[number - 1]), null!));
        }

        private static KeyVaultSecret Secret(string name, string version, string value) => SecretModelFactory.KeyVaultSecret(
            SecretModelFactory.SecretProperties(new Uri($"https://vault.example/secrets/{name}/{version}"),
                new Uri("https://vault.example"), name, version), value);
    }
}
