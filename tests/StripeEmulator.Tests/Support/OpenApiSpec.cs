using System.Text.Json.Nodes;

namespace StripeEmulator.Tests.Support;

/// <summary>The reduced Stripe OpenAPI description in ../shared/stripe, found from the repository root.</summary>
public sealed class OpenApiSpec
{
    private static readonly Lazy<OpenApiSpec> Shared = new(Load);

    private OpenApiSpec(JsonObject document, string path)
    {
        Document = document;
        FilePath = path;
    }

    public static OpenApiSpec Instance => Shared.Value;

    public JsonObject Document { get; }

    public string FilePath { get; }

    public JsonObject Schemas => Document["components"]!["schemas"]!.AsObject();

    /// <summary>The 200 response schema of the operation whose path template matches <paramref name="path"/>.</summary>
    public JsonNode ResponseSchema(string method, string path) => Operation(method, path)["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;

    public JsonNode ErrorSchema => Schemas["error"]!;

    /// <summary>Names of the parameters the operation accepts (query parameters and form body fields).</summary>
    public IReadOnlySet<string> ParameterNames(string method, string path)
    {
        var operation = Operation(method, path);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in operation["parameters"]?.AsArray() ?? [])
            if (p!["in"]!.ToString() == "query") names.Add(p["name"]!.ToString());
        var body = operation["requestBody"]?["content"]?["application/x-www-form-urlencoded"]?["schema"]?["properties"]?.AsObject();
        foreach (var (name, _) in body ?? []) names.Add(name);
        return names;
    }

    public JsonObject Operation(string method, string path)
    {
        var requested = path.Split('?')[0].Trim('/').Split('/');
        foreach (var (template, item) in Document["paths"]!.AsObject())
        {
            var parts = template.Trim('/').Split('/');
            if (parts.Length != requested.Length) continue;
            if (!parts.Zip(requested).All(p => p.First.StartsWith('{') || p.First == p.Second)) continue;
            if (item![method.ToLowerInvariant()] is JsonObject operation) return operation;
        }
        throw new InvalidOperationException($"The spec has no operation {method} {path}.");
    }

    private static OpenApiSpec Load()
    {
        // ../shared next to the repository root; a git worktree sits one level deeper, so keep looking upwards.
        var root = FindRepositoryRoot();
        var candidates = new List<string>();
        for (var dir = Directory.GetParent(root); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "stripe", "openapi-subset.json");
            candidates.Add(path);
            if (File.Exists(path)) return new OpenApiSpec(JsonNode.Parse(File.ReadAllText(path))!.AsObject(), path);
        }
        throw new FileNotFoundException(
            $"Stripe's OpenAPI subset (../shared/stripe/openapi-subset.json from the repository root {root}) is missing; looked at: {string.Join(", ", candidates)}");
    }

    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BillingFunctions.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No BillingFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
