namespace BillingFunctions.Adapters.Tests.Stripe;

internal static class RepoPaths
{
    /// <summary>The folder holding BillingFunctions.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The reduced Stripe OpenAPI description in shared/stripe beside the repository; a git worktree sits
    /// deeper than a clone, so further ancestors are tried after the repository's parent.
    /// </summary>
    public static string OpenApiSubset
    {
        get
        {
            var tried = new List<string>();
            for (var dir = Directory.GetParent(Root); dir is not null; dir = dir.Parent)
            {
                var path = Path.Combine(dir.FullName, "shared", "stripe", "openapi-subset.json");
                if (File.Exists(path))
                {
                    return path;
                }
                tried.Add(path);
            }
            throw new FileNotFoundException(
                "The Stripe OpenAPI subset (shared/stripe/openapi-subset.json beside the repository) is missing; looked at: "
                + string.Join(", ", tried));
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
