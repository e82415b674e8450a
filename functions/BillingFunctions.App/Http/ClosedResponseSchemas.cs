using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BillingFunctions.App.Http;

/// <summary>
/// The JSON the API answers with is exactly its response records: nothing else is ever written, so their schemas say
/// <c>additionalProperties: false</c> and a validator catches a field the document does not know. Schemas also read
/// from request bodies stay open (the server ignores unknown fields there); problem details stay open by RFC 9457.
/// </summary>
internal sealed class ClosedResponseSchemas : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var components = document.Components?.Schemas;
        if (components is null || document.Paths is null) return Task.CompletedTask;
        var operations = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).ToList();

        var fromRequests = new HashSet<string>();
        foreach (var media in operations.SelectMany(o => o.RequestBody?.Content?.Values ?? []))
            Collect(media.Schema, components, fromRequests, null);
        var fromResponses = new HashSet<string>();
        var inline = new List<OpenApiSchema>();
        foreach (var media in operations.SelectMany(o => o.Responses?.Values.AsEnumerable() ?? [])
            .SelectMany(r => r.Content ?? new Dictionary<string, OpenApiMediaType>())
                     .Where(c => c.Key == "application/json").Select(c => c.Value))
            Collect(media.Schema, components, fromResponses, inline);

        foreach (var name in fromResponses.Except(fromRequests))
            if (components[name] is OpenApiSchema schema) Close(schema);
        foreach (var schema in inline) Close(schema);
        return Task.CompletedTask;
    }

    private static void Close(OpenApiSchema schema)
    {
        if (schema.Properties is { Count: > 0 } && schema.AdditionalProperties is null) schema.AdditionalPropertiesAllowed = false;
    }

    /// <summary>The component schemas <paramref name="schema"/> refers to, directly or through others; and into <paramref name="inline"/> the schemas
    /// written out in the operation itself.</summary>
    private static void Collect(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> components, HashSet<string> names,
        List<OpenApiSchema>? inline)
    {
        switch (schema)
        {
            case null:
                return;
            case OpenApiSchemaReference reference:
                if (reference.Reference.Id is { } id && names.Add(id) && components.TryGetValue(id, out var target)) Collect(target,
                    components, names, null);
                return;
            case OpenApiSchema concrete:
                inline?.Add(concrete);
                foreach (var child in (concrete.Properties?.Values ?? []).Concat(concrete.OneOf ?? []).Concat(concrete.AnyOf ?? [])
                    .Concat(concrete.AllOf ?? [])
                             .Append(concrete.Items).Append(concrete.AdditionalProperties))
                    Collect(child, components, names, inline);
                return;
        }
    }
}
