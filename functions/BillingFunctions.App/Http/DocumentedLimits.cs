using System.Reflection;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BillingFunctions.App.Http;

/// <summary>
/// Writes into the document what <see cref="ItemMaxLengthAttribute"/> and <see cref="BusinessRangeAttribute"/> mark on
/// request fields and query parameters: the longest item of a list of strings, and the shape and range of a date,
/// month or quarter. DataAnnotations' MaxLength on a single string is documented by ASP.NET Core itself.
/// </summary>
internal sealed class DocumentedLimits : IOpenApiSchemaTransformer, IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.AttributeProvider is { } attributes)
            Apply(schema, attributes, description => schema.Description = Join(schema.Description, description));
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var described in context.Description.ParameterDescriptions)
        {
            if (described.ParameterDescriptor is not IParameterInfoParameterDescriptor { ParameterInfo: { } info }) continue;
            if (operation.Parameters?.OfType<OpenApiParameter>()
                .FirstOrDefault(p => p.Name == described.Name) is not { Schema: OpenApiSchema schema } parameter)
                continue;
            Apply(schema, info, description => parameter.Description = Join(parameter.Description, description));
        }
        return Task.CompletedTask;
    }

    private static string Join(string? documented, string added) => string.IsNullOrEmpty(documented) ? added : $"{documented} {added}";

    private static void Apply(OpenApiSchema schema, ICustomAttributeProvider attributes, Action<string> describe)
    {
        foreach (var attribute in attributes.GetCustomAttributes(inherit: true))
        {
            switch (attribute)
            {
                case ItemMaxLengthAttribute limit when schema.Items is OpenApiSchema items:
                    items.MaxLength = limit.Length;
                    break;
                case BusinessRangeAttribute range:
                    var (pattern, description) = BusinessDates.Documented(range.Text);
                    if (pattern is not null) schema.Pattern = pattern;
                    describe(description);
                    break;
            }
        }
    }
}
