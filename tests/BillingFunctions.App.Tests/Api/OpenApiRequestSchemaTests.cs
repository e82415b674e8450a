using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using BillingFunctions.App.Http;

namespace BillingFunctions.App.Tests.Api;

/// <summary>
/// The document tells a CRM developer which request fields they must send: exactly the constructor parameters of the
/// request records that are non-nullable and have no default. The others the server takes as optional.
/// </summary>
public sealed class OpenApiRequestSchemaTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Every_request_schema_requires_exactly_the_non_nullable_parameters_without_defaults()
    {
        using var client = host.NewClient();
        var document = JsonNode.Parse(await client.GetStringAsync(BillingApi.OpenApiPath))!;
        var schemas = document["components"]!["schemas"]!.AsObject();
        var requestSchemas = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, pathItem) in document["paths"]!.AsObject())
        foreach (var (_, operation) in pathItem!.AsObject())
            if (operation!["requestBody"]?["content"]?["application/json"]?["schema"] is { } body)
                CollectReferences(body, schemas, requestSchemas);
        Assert.Contains("CreateSubscriptionRequest", requestSchemas);
        Assert.Contains("AddressDto", requestSchemas);

        var wrong = new List<string>();
        foreach (var name in requestSchemas)
        {
            var type = typeof(BillingApi).Assembly.GetTypes().Single(t => t.Name == name && !t.IsNested);
            var expected = MustSend(type).ToHashSet();
            var actual = (schemas[name]!["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []).ToHashSet();
            if (!expected.SetEquals(actual))
                wrong.Add($"{name}: required [{string.Join(", ", actual.Order())}], the server needs [{string.Join(", ", expected.Order())}]");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The record's primary constructor parameters a client cannot leave out: not nullable, no default.</summary>
    private static IEnumerable<string> MustSend(Type type)
    {
        var nullability = new NullabilityInfoContext();
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.GetParameters()
            .Where(p => !p.HasDefaultValue && nullability.Create(p).WriteState == NullabilityState.NotNull)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!));
    }

    private static void CollectReferences(JsonNode schema, JsonObject schemas, ISet<string> found)
    {
        switch (schema)
        {
            case JsonObject o when o["$ref"]?.GetValue<string>() is { } reference:
                var name = reference["#/components/schemas/".Length..];
                if (found.Add(name)) CollectReferences(schemas[name]!, schemas, found);
                break;
            case JsonObject o:
                foreach (var (_, child) in o) if (child is not null) CollectReferences(child, schemas, found);
                break;
            case JsonArray a:
                foreach (var child in a) if (child is not null) CollectReferences(child, schemas, found);
                break;
        }
    }
}
