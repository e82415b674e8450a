namespace StripeEmulator.Tests.Support;

internal static class RepositoryRoot
{
    /// <summary>The folder holding BillingFunctions.sln, found by walking up from the test binaries.</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BillingFunctions.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No BillingFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
