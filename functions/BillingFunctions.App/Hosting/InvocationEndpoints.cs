using System.Text.Json;

namespace BillingFunctions.App.Hosting;

internal static class InvocationEndpoints
{
    /// <summary>
    /// POST /{function} for each timer and queue function, as the host sends invocation requests. A failed handler
    /// answers 500 so the host counts the invocation as failed and retries (queue) or waits for the next tick (timer).
    /// </summary>
    public static void MapInvocationEndpoints(this IEndpointRouteBuilder app, FunctionCatalog catalog)
    {
        foreach (var function in catalog.All.Where(f => f is TimerFunction or QueueFunction))
        {
            var name = function.Name;
            app.MapPost("/" + name, async (HttpRequest http, FunctionInvoker invoker, CancellationToken cancellationToken) =>
            {
                InvocationRequest? request;
                try
                {
                    request = await JsonSerializer.DeserializeAsync<InvocationRequest>(http.Body, InvocationJson.Options, cancellationToken);
                }
                catch (JsonException exception)
                {
                    return Results.Problem(statusCode: 400, title: "The invocation request is not valid JSON.", detail: exception.Message);
                }

                var result = await invoker.InvokeAsync(name, request ?? new InvocationRequest(null, null), cancellationToken);
                return Results.Json(result.Response, InvocationJson.Options, statusCode: result.Succeeded ? 200 : 500);
            }).WithName("invoke-" + name).ExcludeFromDescription();
        }
    }
}
