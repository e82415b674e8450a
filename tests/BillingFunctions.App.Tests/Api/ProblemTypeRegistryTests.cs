using System.Text.RegularExpressions;
using BillingFunctions.App.Http;

namespace BillingFunctions.App.Tests.Api;

/// <summary>
/// <see cref="Problems.Problem"/> refuses a type missing from <see cref="Problems.Types"/> at run time, which a client
/// would see as a 500 on the very path meant to answer a 4xx; so every type the app's code names is checked here.
/// </summary>
public sealed partial class ProblemTypeRegistryTests
{
    private static string FunctionsFolder([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../functions"));

    [GeneratedRegex("""Problem\(\s*\d{3}\s*,\s*"(?<type>[a-z-]+)"\s*,""")]
    private static partial Regex ProblemCall();

    [Fact]
    public void Every_problem_type_the_code_answers_with_is_registered_and_documented()
    {
        var named = Directory.EnumerateFiles(FunctionsFolder(), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(path => ProblemCall().Matches(File.ReadAllText(path)).Select(m => m.Groups["type"].Value))
            .ToHashSet();

        Assert.Contains("invalid-request", named);
        Assert.DoesNotContain(named, type => !Problems.Types.ContainsKey(type));
    }
}
