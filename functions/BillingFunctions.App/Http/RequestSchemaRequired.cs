using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BillingFunctions.App.Http;

/// <summary>
/// In a request body, a field is required only if its constructor parameter is non-nullable and has no default.
/// System.Text.Json's schema exporter marks every constructor parameter without a default required, nullable or
/// not, yet the binder accepts a body without them (the endpoint then decides), so CRM developers were told to send
/// fields the server treats as optional. Response schemas keep the exporter's list: the server writes every property.
/// </summary>
internal sealed class RequestSchemaRequired : IOpenApiSchemaTransformer
{
    private static readonly ConcurrentDictionary<IApiDescriptionGroupCollectionProvider, HashSet<Type>> RequestTypes = new();

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var typeInfo = context.JsonTypeInfo;
        // Nested types (an address in a customer) come here as the property's schema; the one with the type's properties is the one to fix.
        if (typeInfo.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } properties
            || !properties.Keys.ToHashSet().SetEquals(typeInfo.Properties.Select(p => p.Name))) return Task.CompletedTask;
        var descriptions = context.ApplicationServices.GetRequiredService<IApiDescriptionGroupCollectionProvider>();
        if (!RequestTypes.GetOrAdd(descriptions, BodyTypes).Contains(typeInfo.Type)) return Task.CompletedTask;

        var required = typeInfo.Properties.Where(IsRequired).Select(p => p.Name).ToHashSet();
        schema.Required = required.Count == 0 ? null : required;
        return Task.CompletedTask;
    }

    private static bool IsRequired(JsonPropertyInfo property) =>
        property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false };

    /// <summary>The types bound from request bodies, and every type their properties hold.</summary>
    private static HashSet<Type> BodyTypes(IApiDescriptionGroupCollectionProvider descriptions)
    {
        var found = new HashSet<Type>();
        var pending = new Stack<Type>(descriptions.ApiDescriptionGroups.Items.SelectMany(g => g.Items).SelectMany(d => d.ParameterDescriptions)
            .Where(p => p.Source == BindingSource.Body && p.Type is not null).Select(p => p.Type));
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!found.Add(type)) continue;
            if (type.IsArray) pending.Push(type.GetElementType()!);
            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : []) pending.Push(argument);
            if (type.Assembly == typeof(RequestSchemaRequired).Assembly)
                foreach (var property in type.GetProperties()) pending.Push(property.PropertyType);
        }
        return found;
    }
}
