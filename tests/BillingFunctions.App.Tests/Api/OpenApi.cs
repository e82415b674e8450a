using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace BillingFunctions.App.Tests.Api;

/// <summary>The checked-in docs/openapi.json, read as a client developer would: operations, parameters and schemas.</summary>
internal static class OpenApi
{
    public sealed record Operation(string Method, string Path, string OperationId, IReadOnlyList<JsonNode> Parameters,
        JsonNode? Body, bool BodyRequired);

    private static readonly Lazy<JsonNode> Loaded = new(() => JsonNode.Parse(File.ReadAllText(DocumentPath()))!);

    public static JsonNode Document => Loaded.Value;

    public static IReadOnlyList<Operation> Operations() =>
    [
        .. from path in Document["paths"]!.AsObject()
           from operation in path.Value!.AsObject()
           where operation.Key != "parameters"
           select new Operation(operation.Key.ToUpperInvariant(), path.Key, operation.Value!["operationId"]!.GetValue<string>(),
               [.. (operation.Value["parameters"]?.AsArray() ?? []).Select(p => Resolve(p!))],
               operation.Value["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema ? Resolve(schema) : null,
               operation.Value["requestBody"]?["required"]?.GetValue<bool>() ?? false),
    ];

    /// <summary>Follows a <c>$ref</c> (and a nullable <c>oneOf [null, $ref]</c>) to the schema it names.</summary>
    public static JsonNode Resolve(JsonNode node)
    {
        if (node["$ref"]?.GetValue<string>() is { } reference)
            return Resolve(reference.Split('/').Skip(1).Aggregate(Document, (n, part) => n[part]!));
        if (node["oneOf"]?.AsArray() is { } choices && choices.FirstOrDefault(c => c!["$ref"] is not null) is { } referenced)
            return Resolve(referenced);
        return node;
    }

    public static IReadOnlyList<string> Types(JsonNode schema) => schema["type"] switch
    {
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        JsonValue one => [one.GetValue<string>()],
        _ => schema["properties"] is not null ? ["object"] : [],
    };

    private static string DocumentPath([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../docs/openapi.json"));
}
