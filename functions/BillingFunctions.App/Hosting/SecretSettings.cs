namespace BillingFunctions.App.Hosting;

/// <summary>
/// The one way the app reads a setting that holds a secret. In Azure those settings are Key Vault references
/// (infra/modules/functionapp.bicep), and one the platform could not resolve reaches the app as its own text; used as a
/// key, that text fails far from the cause (Stripe's 401, a webhook signature that never matches), so it is refused here,
/// naming the setting.
/// </summary>
public static class SecretSettings
{
    private const string KeyVaultReference = "@Microsoft.KeyVault(";

    /// <summary>The secret in <paramref name="setting"/>; null when it is missing or empty.</summary>
    /// <exception cref="InvalidOperationException">The setting holds a Key Vault reference the platform did not resolve.</exception>
    public static string? Secret(this IConfiguration configuration, string setting) =>
        Resolved(setting, configuration[setting]) is { Length: > 0 } value ? value : null;

    /// <summary><paramref name="value"/>, read from <paramref name="setting"/> by other means than <see cref="Secret"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is a Key Vault reference the platform did not resolve.</exception>
    public static string? Resolved(string setting, string? value) =>
        value is not null && value.TrimStart().StartsWith(KeyVaultReference, StringComparison.OrdinalIgnoreCase)
            ? throw new InvalidOperationException(
                $"The Key Vault reference for {setting} (app setting {setting.Replace(":", "__", StringComparison.Ordinal)}) was not resolved; " +
                "check the app's managed identity and access to the vault.")
            : value;

    /// <summary>
    /// Reads every secret the app uses, so an unresolved reference stops the app at startup rather than failing the
    /// first request that needs it (the platform key is read per request, the SMTP password at the first email).
    /// </summary>
    public static void EnsureResolved(IConfiguration configuration)
    {
        foreach (var setting in AppSettings.Secrets) configuration.Secret(setting);
        foreach (var tenant in configuration.GetSection(AppSettings.TenantsSection).GetChildren())
            _ = Webhooks.TenantWebhookSecrets.Configured(configuration, tenant.Key);
    }
}
