using Microsoft.DurableTask.Client;

namespace BillingFunctions.App.Processes;

/// <summary>
/// Hands an HTTP function's <c>[DurableClient]</c> to the endpoint it runs: the Functions host gives the client only
/// to the function, as a binding, and the endpoints run behind it (see Http/EndpointFunctions).
/// </summary>
public static class DurableClients
{
    private static readonly object Key = new();

    public static HttpRequest With(this HttpRequest request, DurableTaskClient durable)
    {
        request.HttpContext.Items[Key] = durable;
        return request;
    }

    public static DurableTaskClient Of(HttpContext context) => context.Items[Key] as DurableTaskClient
        ?? throw new InvalidOperationException("This endpoint's function passes no durable client.");
}
