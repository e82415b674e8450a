using BillingFunctions.App.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BillingFunctions.App.Http;

/// <summary>
/// Answers every operation can give because of how the group around it works, not because of its handler: the
/// <c>Idempotency-Key</c> header and its 409/422 where <see cref="IdempotencyFilter"/> runs, and 415 where a JSON body
/// is read. Derived from endpoint metadata so a new endpoint is documented the same way.
/// </summary>
internal sealed class DocumentedStatusCodes : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        if (TakesIdempotencyKey(description.HttpMethod, metadata))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyFilter.Header, In = ParameterLocation.Header, Required = false,
                Description = "Any unique string of at most 255 characters. A repeat of the same request with the same key gets the first answer " +
                    "(header Idempotent-Replayed: true) without running again; server errors are not kept, so they can be retried with the key. " +
                    "Keys are kept for 24 hours: sent after that, a key runs as a new request.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
            });
            AddProblem(operation, context, StatusCodes.Status409Conflict,
                "Conflict; among others `request-in-progress`: a request with this Idempotency-Key is still running, retry after it has finished.");
            AddProblem(operation, context, StatusCodes.Status422UnprocessableEntity,
                "`idempotency-key-reused`: the Idempotency-Key was used for a different request.");
        }
        if (operation.RequestBody?.Content?.ContainsKey("application/json") == true)
            AddProblem(operation, context, StatusCodes.Status415UnsupportedMediaType, "The body is not `application/json`.");
        return Task.CompletedTask;
    }

    /// <summary>The filter acts on POSTs by tenant users; the platform key has no tenant to keep answers in.</summary>
    private static bool TakesIdempotencyKey(string? method, IList<object> metadata) =>
        HttpMethods.IsPost(method ?? "") && metadata.Contains(IdempotencyKeys.Metadata)
        && !metadata.OfType<IAuthorizeData>().Any(a => a.Policy == Policies.Platform);

    private static void AddProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse documented)
        {
            if (documented.Description is null or "Conflict" or "Unsupported Media Type" or "Unprocessable Entity")
                documented.Description = description;
            return;
        }
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
            },
        };
    }
}
