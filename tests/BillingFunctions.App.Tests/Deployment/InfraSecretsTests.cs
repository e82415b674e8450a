using System.Text.RegularExpressions;
using BillingFunctions.Adapters.Tests.StripeApi;

namespace BillingFunctions.App.Tests.Deployment;

/// <summary>
/// infra/ and azure.yaml hold no account key, no connection string with a key, and no Stripe credential: storage is
/// reached by identity and secrets live in Key Vault. A grep over the files, as a reviewer would run it.
/// </summary>
public class InfraSecretsTests
{
    private static readonly Regex Forbidden = new(
        @"AccountKey=|SharedAccessSignature=|SharedAccessKey=|listKeys\(|listConnectionStrings\(|InstrumentationKey=|"
        + @"DefaultEndpointsProtocol=|\b(sk|rk)_(live|test)_|\bwhsec_",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static IEnumerable<string> DeploymentFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "infra"), "*", SearchOption.AllDirectories)
            .Append(Path.Combine(RepoPaths.Root, "azure.yaml"));

    [Fact]
    public void No_deployment_file_holds_a_key_or_a_connection_string_with_one()
    {
        var files = DeploymentFiles().ToArray();

        var hits = files.SelectMany(file => File.ReadLines(file)
            .Select((line, i) => (file, line: i + 1, text: line))
            .Where(l => Forbidden.IsMatch(l.text))
            .Select(l => $"{Path.GetRelativePath(RepoPaths.Root, l.file)}:{l.line}: {l.text.Trim()}"));

        Assert.True(files.Length > 3);
        Assert.Empty(hits);
    }

    [Fact]
    public void The_storage_account_refuses_shared_key_access()
    {
        var storage = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "modules", "storage.bicep"));

        Assert.Matches(@"\ballowSharedKeyAccess: false\b", storage);
        Assert.DoesNotMatch(@"\ballowSharedKeyAccess: true\b", storage);
    }

    [Fact]
    public void The_pattern_finds_the_local_development_connection_string()
    {
        // The check can fail: the Azurite connection string in local.settings.sample.json is exactly what it looks for.
        var sample = File.ReadAllText(Path.Combine(RepoPaths.Root, "local.settings.sample.json"));

        Assert.Matches(Forbidden, sample);
    }
}
