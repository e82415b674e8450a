namespace BillingFunctions.Adapters.Tests.Stripe;

internal static class RepoPaths
{
    /// <summary>The folder holding BillingFunctions.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The reduced Stripe OpenAPI description beside the repository (../shared/stripe).</summary>
    public static string OpenApiSubset
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "stripe", "openapi-subset.json"));
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"The Stripe OpenAPI subset is missing at {path}; it is expected in ../shared/stripe beside the repository.", path);
            }
            return path;
        }
    }

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
