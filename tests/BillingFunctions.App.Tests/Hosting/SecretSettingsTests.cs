using BillingFunctions.App.Hosting;
using BillingFunctions.App.Notifications;
using BillingFunctions.App.Tenancy;
using BillingFunctions.App.Webhooks;
using Microsoft.Extensions.Configuration;

namespace BillingFunctions.App.Tests.Hosting;

/// <summary>Settings that hold secrets, when Azure could not resolve their Key Vault references. No storage needed.</summary>
public class SecretSettingsTests
{
    private const string Unresolved = "@Microsoft.KeyVault(SecretUri=https://billing-kv.vault.azure.net/secrets/stripe-api-key)";

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static void AssertNamesSetting(string setting, Action read)
    {
        var error = Assert.Throws<InvalidOperationException>(read);
        Assert.Contains($"Key Vault reference for {setting}", error.Message, StringComparison.Ordinal);
        Assert.Contains("managed identity", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AppSettings.StorageConnectionSetting)]
    [InlineData(AppSettings.PlatformApiKey)]
    [InlineData(AppSettings.StripeApiKey)]
    [InlineData(AppSettings.StripePlatformSecretKey)]
    [InlineData(AppSettings.SmtpPassword)]
    public void The_app_does_not_start_with_an_unresolved_reference_in_a_secret_setting(string setting)
    {
        var configuration = Configuration(new() { [setting] = Unresolved });

        AssertNamesSetting(setting, () => new ServiceCollection().AddBilling(configuration));
    }

    [Fact]
    public void The_app_does_not_start_with_an_unresolved_reference_in_a_tenants_webhook_secrets()
    {
        var listed = Configuration(new() { ["Tenants:acme:WebhookSecrets:0"] = "whsec_1", ["Tenants:acme:WebhookSecrets:1"] = Unresolved });
        var single = Configuration(new() { ["Tenants:acme:WebhookSecrets"] = Unresolved });

        AssertNamesSetting("Tenants:acme:WebhookSecrets:1", () => new ServiceCollection().AddBilling(listed));
        AssertNamesSetting("Tenants:acme:WebhookSecrets", () => new ServiceCollection().AddBilling(single));
    }

    [Fact]
    public void Secrets_read_after_startup_are_refused_too()
    {
        var configuration = Configuration(new()
        {
            [AppSettings.StripePlatformSecretKey] = Unresolved, [AppSettings.StorageConnectionSetting] = Unresolved,
            [AppSettings.SmtpPassword] = Unresolved,
        });

        AssertNamesSetting(AppSettings.StripePlatformSecretKey, () => _ = new TenantStripe(configuration, null!).HasPlatformKey);
        AssertNamesSetting(AppSettings.StorageConnectionSetting, () => new StorageAccounts(configuration).GetTableService());
        AssertNamesSetting(AppSettings.StripeApiKey, () => StripeSettings.From(Configuration(new() { [AppSettings.StripeApiKey] = Unresolved })));
        AssertNamesSetting(AppSettings.SmtpPassword, () => NotificationSettings.SmtpOptions(configuration));
    }

    [Fact]
    public void The_message_names_the_app_setting_as_Azure_spells_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Configuration(new() { [AppSettings.StripeApiKey] = " " + Unresolved })
            .Secret(AppSettings.StripeApiKey));

        Assert.Contains("Stripe__ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolved_secrets_are_read_as_they_are()
    {
        var configuration = Configuration(new()
        {
            [AppSettings.StripeApiKey] = "sk_test_123", [AppSettings.PlatformApiKey] = "", ["Tenants:acme:WebhookSecrets"] = "whsec_1, whsec_2",
        });

        Assert.Equal("sk_test_123", configuration.Secret(AppSettings.StripeApiKey));
        Assert.Null(configuration.Secret(AppSettings.PlatformApiKey));
        Assert.Null(configuration.Secret(AppSettings.SmtpPassword));
        Assert.Equal(["whsec_1", "whsec_2"], TenantWebhookSecrets.Configured(configuration, "acme"));
        new ServiceCollection().AddBilling(configuration);
    }
}
