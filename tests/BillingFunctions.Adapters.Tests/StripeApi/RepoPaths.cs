namespace BillingFunctions.Adapters.Tests.StripeApi;

internal static class RepoPaths
{
    /// <summary>The folder holding BillingFunctions.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BillingFunctions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No BillingFunctions.sln above {AppContext.BaseDirectory}");
    }
}
