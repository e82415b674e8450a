using BillingFunctions.Adapters.Tests.StripeApi;

namespace BillingFunctions.App.Tests.Deployment;

/// <summary>
/// scripts/lib/bicep-check.sh, the step of scripts/test.sh that compiles and lints infra/: it fails on a broken copy of
/// the templates, for a linter rule and for a compiler warning alike, and names what is wrong.
/// </summary>
public sealed class BicepCheckTests : IDisposable
{
    private readonly string _copy = Directory.CreateTempSubdirectory("infra-").FullName;

    public BicepCheckTests()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "infra"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_copy, Path.GetRelativePath(Path.Combine(RepoPaths.Root, "infra"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    private void Change(string file, string from, string to)
    {
        var path = Path.Combine(_copy, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_parameter_nobody_uses_fails_the_step()
    {
        Change("modules/identity.bicep", "param tags object", "param tags object\nparam forgotten string = ''");

        var check = await Commands.RunAsync("bash", "scripts/lib/bicep-check.sh", _copy);

        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("no-unused-params", check.Error);
        Assert.Contains("forgotten", check.Error);
    }

    [Fact]
    public async Task A_compiler_warning_fails_the_step_too()
    {
        // An API version Bicep has no types for compiles, with warning BCP081, and nothing would check its properties.
        Change("modules/identity.bicep", "userAssignedIdentities@2023-01-31", "userAssignedIdentities@2001-01-01");

        var check = await Commands.RunAsync("bash", "scripts/lib/bicep-check.sh", _copy);

        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("Warning BCP081", check.Error);
    }
}
