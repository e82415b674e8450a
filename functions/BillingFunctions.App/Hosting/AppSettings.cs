namespace BillingFunctions.App.Hosting;

/// <summary>
/// Names of every setting the app reads, in configuration's <c>:</c> form (<c>__</c> in environment variables and
/// local.settings.json). They are all here so a test can hold local.settings.sample.json to them; the README's settings
/// table says what each one does.
/// </summary>
public static class AppSettings
{
    /// <summary>Storage connection string for our tables and queues; also the queue triggers' connection setting.</summary>
    public const string StorageConnectionSetting = "BILLING_STORAGE";

    public const string BillingTable = "Billing:Table";

    public const string ApiKeyTable = "Billing:ApiKeyTable";

    public const string PlatformApiKey = "Platform:ApiKey";

    public const string StripeMode = "Stripe:Mode";

    public const string StripeBaseUrl = "Stripe:BaseUrl";

    public const string StripeApiKey = "Stripe:ApiKey";

    public const string StripePlatformSecretKey = "Stripe:PlatformSecretKey";

    /// <summary>A section per tenant; <c>{tenant}</c> is the tenant id.</summary>
    public const string TenantWebhookSecrets = "Tenants:{tenant}:WebhookSecrets";

    public const string TenantSecretsKeyVaultUri = "TenantSecrets:KeyVaultUri";

    public const string TenantSecretsKeyRingTable = "TenantSecrets:KeyRingTable";

    public const string TenantSecretsWebhookSecretGrace = "TenantSecrets:WebhookSecretGrace";

    public const string SmtpHost = "Notifications:Smtp:Host";

    public const string SmtpPort = "Notifications:Smtp:Port";

    public const string SmtpSecurity = "Notifications:Smtp:Security";

    public const string SmtpUserName = "Notifications:Smtp:UserName";

    public const string SmtpPassword = "Notifications:Smtp:Password";

    public const string EmailFrom = "Notifications:From";

    public const string EmailMessageIdDomain = "Notifications:MessageIdDomain";

    public const string TimeTravel = "Clock:TimeTravel";

    /// <summary>
    /// The settings that hold a secret, read through <see cref="SecretSettings"/>. Not a constant: the sample's test
    /// takes every constant here for a setting.
    /// </summary>
    public static readonly IReadOnlyList<string> Secrets =
        [StorageConnectionSetting, PlatformApiKey, StripeApiKey, StripePlatformSecretKey, SmtpPassword];

    /// <summary>The section above every tenant's settings (<see cref="TenantWebhookSecrets"/>).</summary>
    public static string TenantsSection => TenantWebhookSecrets[..TenantWebhookSecrets.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>The section of <see cref="TenantWebhookSecrets"/> for one tenant.</summary>
    public static string WebhookSecretsOf(string tenant) => TenantWebhookSecrets.Replace("{tenant}", tenant, StringComparison.Ordinal);
}
