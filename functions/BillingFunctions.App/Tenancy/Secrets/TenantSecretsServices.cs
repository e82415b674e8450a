using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace BillingFunctions.App.Tenancy.Secrets;

/// <summary>
/// Where tenants' Stripe credentials are kept: Key Vault when <c>TenantSecrets:KeyVaultUri</c> is set (Azure, with
/// the app's managed identity through DefaultAzureCredential), otherwise Data Protection with its key ring in the
/// table <c>TenantSecrets:KeyRingTable</c> of the app's storage account.
/// </summary>
public static class TenantSecretsServices
{
    public const string KeyVaultUriSetting = AppSettings.TenantSecretsKeyVaultUri;
    public const string KeyRingTableSetting = AppSettings.TenantSecretsKeyRingTable;
    public const string WebhookSecretGraceSetting = AppSettings.TenantSecretsWebhookSecretGrace;

    /// <summary>Every instance must name the same application, or they cannot read each other's payloads.</summary>
    public const string ApplicationName = "BillingFunctions";

    public static IServiceCollection AddTenantSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new WebhookSecretGrace(configuration.GetValue<TimeSpan?>(WebhookSecretGraceSetting) ?? WebhookSecretGrace.Default));
        // Always set up: the framework uses Data Protection too, and its key ring must be the shared one.
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        protection.Services.AddOptions<KeyManagementOptions>().Configure<StorageAccounts>((o, storage) =>
        {
            if (storage.IsConfigured()) o.XmlRepository = new TableKeyRing(storage.GetTableClient(KeyRingTable(configuration)));
        });

        if (configuration[KeyVaultUriSetting] is { Length: > 0 } vault)
            services.AddSingleton<TenantSecretStore>(_ => new KeyVaultTenantSecrets(new SecretClient(new Uri(vault), new DefaultAzureCredential())));
        else
            services.AddSingleton<TenantSecretStore>(sp => new DataProtectionTenantSecrets(sp.GetRequiredService<IDataProtectionProvider>()));
        return services;
    }

    public static string KeyRingTable(IConfiguration configuration) => configuration[KeyRingTableSetting] ?? "billingkeyring";

    /// <summary>For tools and tests that build the tenant directory by hand: the local store over the given key ring table.</summary>
    public static TenantSecretStore LocalStore(TableClient keyRing)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName(ApplicationName)
            .AddKeyManagementOptions(o => o.XmlRepository = new TableKeyRing(keyRing));
        return new DataProtectionTenantSecrets(services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>());
    }
}

/// <summary>How long a replaced webhook signing secret still verifies, so deliveries signed before the switch in Stripe land.</summary>
public sealed record WebhookSecretGrace(TimeSpan Value)
{
    public static readonly TimeSpan Default = TimeSpan.FromHours(24);
}
