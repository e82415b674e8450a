using System.Text;
using BillingFunctions.Domain.Tenancy;
using Microsoft.AspNetCore.DataProtection;

namespace BillingFunctions.App.Tenancy.Secrets;

/// <summary>
/// Local and test setups: the reference is the value itself, encrypted with ASP.NET Core Data Protection under a
/// purpose naming the tenant and the kind, so a reference copied into another tenant's row does not decrypt there.
/// The key ring lives in a storage table (<see cref="TableKeyRing"/>), shared by every app instance.
/// </summary>
public sealed class DataProtectionTenantSecrets(IDataProtectionProvider protection) : TenantSecretStore
{
    // Standard base64, not Data Protection's base64url: its '_' could spell "sk_" by chance, and the test suite
    // greps every table for that.
    private const string Prefix = "dp:";

    public override Task<string> PutAsync(TenantId tenant, TenantSecretKind kind, string value, CancellationToken cancellationToken) =>
        Task.FromResult(Prefix + Convert.ToBase64String(Protector(tenant, kind).Protect(Encoding.UTF8.GetBytes(value))));

    public override Task<string> GetAsync(TenantId tenant, TenantSecretKind kind, string reference, CancellationToken cancellationToken)
    {
        if (!reference.StartsWith(Prefix, StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"Tenant {tenant}'s {kind} is not a Data Protection reference; is TenantSecrets:KeyVaultUri missing?");
        return Task.FromResult(Encoding.UTF8.GetString(Protector(tenant, kind).Unprotect(Convert.FromBase64String(reference[Prefix.Length..]))));
    }

    private IDataProtector Protector(TenantId tenant, TenantSecretKind kind) =>
        protection.CreateProtector("TenantSecrets", tenant.Value, kind.ToString());
}
