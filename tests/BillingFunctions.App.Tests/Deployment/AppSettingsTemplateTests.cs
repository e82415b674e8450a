using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BillingFunctions.Adapters.Tests.StripeApi;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Deployment;

/// <summary>
/// The Function App's settings in infra/ (as compiled to ARM JSON) against the settings the app reads
/// (<see cref="AppSettings"/>): a setting the app reads that Azure would not have, or a setting left in the template
/// after the app stopped reading it, or a secret in plain text, fails here. Settings the operator sets, or that have
/// no place in Azure, are listed in docs/DEPLOY.md.
/// </summary>
public class AppSettingsTemplateTests
{
    /// <summary>Read by the Functions host or the Azure SDKs, not by the app's code; each with its reason.</summary>
    private static readonly Dictionary<string, string> HostSettings = new()
    {
        ["AzureWebJobsStorage__accountName"] = "the host's own storage, reached by identity",
        ["AzureWebJobsStorage__credential"] = "the host's own storage, reached by identity",
        ["AzureWebJobsStorage__clientId"] = "which identity the host's storage connection uses",
        ["AZURE_CLIENT_ID"] = "which identity DefaultAzureCredential (the app's storage and Key Vault clients) uses",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "where the host sends telemetry (no key: local auth is off)",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "telemetry authenticated by the identity",
    };

    /// <summary>The identity-based form of a connection setting, as the Functions host and StorageAccounts read it.</summary>
    private static readonly string[] IdentityConnectionSuffixes =
        ["accountName", "tableServiceUri", "queueServiceUri", "blobServiceUri", "credential", "clientId"];

    private static readonly Regex SecretName = new("(ApiKey|SecretKey|Password|WebhookSecrets)$", RegexOptions.CultureInvariant);

    private static IReadOnlyList<string> AppSettingNames() =>
        typeof(AppSettings).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => ((string)f.GetRawConstantValue()!).Replace(":", "__", StringComparison.Ordinal))
            .ToArray();

    private static async Task<IReadOnlyDictionary<string, string>> TemplateSettingsAsync()
    {
        var site = Assert.Single(Commands.ResourcesOfType(await Commands.CompiledMainTemplate, "Microsoft.Web/sites"));
        return site["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!);
    }

    /// <summary>The backquoted names in docs/DEPLOY.md's section of settings the template does not set.</summary>
    private static IReadOnlyList<string> NotSetByTheTemplate()
    {
        var guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "DEPLOY.md"));
        var section = Regex.Match(guide, @"^## Settings the template does not set\n(?<body>.*?)(?=^## |\z)",
            RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(section.Success, "docs/DEPLOY.md has no section '## Settings the template does not set'");
        return Regex.Matches(section.Groups["body"].Value, @"^\| `(?<name>[^`]+)`", RegexOptions.Multiline)
            .Select(m => m.Groups["name"].Value).ToArray();
    }

    /// <summary>Whether a setting name in the template is the app setting, or its identity-based form.</summary>
    private static bool IsFormOf(string templateName, string appSetting)
    {
        var segments = appSetting.Split("__").Select(s => s.StartsWith('{') && s.EndsWith('}') ? "[^_]+" : Regex.Escape(s));
        var suffixes = appSetting == AppSettings.StorageConnectionSetting ? $"(__({string.Join('|', IdentityConnectionSuffixes)}))?" : "";
        return Regex.IsMatch(templateName, $"^{string.Join("__", segments)}{suffixes}(__[0-9]+)?$", RegexOptions.CultureInvariant);
    }

    [Fact]
    public async Task Every_setting_the_app_reads_is_set_by_the_template_or_left_to_the_operator_in_the_deploy_guide()
    {
        var set = (await TemplateSettingsAsync()).Keys.ToArray();
        var documented = NotSetByTheTemplate();

        var missing = AppSettingNames().Where(s => !set.Any(name => IsFormOf(name, s)) && !documented.Contains(s));
        var both = documented.Where(s => set.Any(name => IsFormOf(name, s)));

        Assert.Empty(missing);
        Assert.Empty(both);
    }

    [Fact]
    public async Task The_template_sets_nothing_but_the_apps_settings_and_the_listed_host_settings()
    {
        var appSettings = AppSettingNames();

        var extra = (await TemplateSettingsAsync()).Keys
            .Where(name => !HostSettings.ContainsKey(name) && !appSettings.Any(s => IsFormOf(name, s)));

        Assert.Empty(extra);
    }

    [Fact]
    public async Task Every_secret_setting_is_a_key_vault_reference_resolved_by_the_apps_identity()
    {
        var settings = await TemplateSettingsAsync();
        var site = Assert.Single(Commands.ResourcesOfType(await Commands.CompiledMainTemplate, "Microsoft.Web/sites"));

        var secrets = settings.Where(s => SecretName.IsMatch(s.Key)).ToArray();
        var plain = secrets.Where(s => s.Value.Length > 0 && !s.Value.Contains("@Microsoft.KeyVault(SecretUri=", StringComparison.Ordinal));

        Assert.Equal(4, secrets.Length);
        Assert.Empty(plain);
        // The references resolve as the user-assigned identity (the one holding Key Vault Secrets Officer): both are
        // expressions over the same template parameter.
        var referenceIdentity = ParameterIn((string)site["properties"]!["keyVaultReferenceIdentity"]!);
        var assigned = Assert.Single(site["identity"]!["userAssignedIdentities"]!.AsObject()).Key;
        Assert.Equal(ParameterIn(assigned), referenceIdentity);
    }

    private static string ParameterIn(string expression) =>
        Assert.Single(Regex.Matches(expression, @"parameters\('(?<name>\w+)'\)")).Groups["name"].Value;

    [Fact]
    public void Every_setting_the_readme_calls_a_secret_is_one_this_test_treats_as_a_secret()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

        var secrets = Regex.Matches(readme, @"^\| `(?<name>[^`]+)` \|.*A secret\.", RegexOptions.Multiline)
            .Select(m => m.Groups["name"].Value).ToArray();

        Assert.NotEmpty(secrets);
        Assert.All(secrets, name => Assert.Matches(SecretName, name));
    }
}
