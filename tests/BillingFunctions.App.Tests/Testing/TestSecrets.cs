using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Tenancy.Secrets;
using Microsoft.Extensions.Configuration;

namespace BillingFunctions.App.Tests.Testing;

/// <summary>For harnesses that build the tenant directory by hand: the app's local secret store, on the app's default key ring table.</summary>
internal static class TestSecrets
{
    private static readonly Lazy<TenantSecretStore> Shared = new(() =>
        TenantSecretsServices.LocalStore(new TableClient(Azurite.ConnectionString,
            TenantSecretsServices.KeyRingTable(new ConfigurationBuilder().Build()))));

    public static TenantSecretStore Store => Shared.Value;
}
