using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BillingFunctions.Adapters.Tests.StripeApi;
using BillingFunctions.App.Hosting;

namespace BillingFunctions.App.Tests.Hosting;

/// <summary>
/// local.settings.sample.json and the README's settings table against <see cref="AppSettings"/>, where the app names
/// every setting it reads: a setting added to the app without a line in the sample, or left in the sample after the
/// app stopped reading it, fails here.
/// </summary>
public class LocalSettingsSampleTests
{
    /// <summary>Read by the Functions host, not by the app.</summary>
    private static readonly string[] HostSettings = ["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage"];

    private static IReadOnlyList<string> AppSettingNames() =>
        typeof(AppSettings).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

    private static IReadOnlyList<string> SampleKeys()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "local.settings.sample.json")))!;
        return sample["Values"]!.AsObject().Select(p => p.Key).ToArray();
    }

    /// <summary>
    /// The key as local.settings.json spells it (<c>__</c> for <c>:</c>), with any value for a <c>{placeholder}</c>
    /// segment and an optional list index (<c>Tenants__{tenant}__WebhookSecrets__0</c>).
    /// </summary>
    private static Regex SampleKeyPattern(string setting)
    {
        var segments = setting.Split(':').Select(s => s.StartsWith('{') && s.EndsWith('}') ? ".+?" : Regex.Escape(s));
        return new Regex($"^{string.Join("__", segments)}(__[0-9]+)?$", RegexOptions.CultureInvariant);
    }

    [Fact]
    public void The_sample_has_a_value_for_every_setting_the_app_reads()
    {
        var keys = SampleKeys();

        var missing = AppSettingNames().Where(setting => !keys.Any(SampleKeyPattern(setting).IsMatch));

        Assert.Empty(missing);
    }

    [Fact]
    public void The_sample_has_no_setting_the_app_does_not_read()
    {
        var patterns = AppSettingNames().Select(SampleKeyPattern).ToArray();

        var unknown = SampleKeys().Where(key => !HostSettings.Contains(key) && !patterns.Any(p => p.IsMatch(key)));

        Assert.Empty(unknown);
    }

    [Fact]
    public void The_readme_explains_every_setting()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

        var unexplained = AppSettingNames().Concat(HostSettings).Select(s => $"`{s.Replace(":", "__", StringComparison.Ordinal)}`")
            .Where(name => !readme.Contains(name, StringComparison.Ordinal));

        Assert.Empty(unexplained);
    }
}
