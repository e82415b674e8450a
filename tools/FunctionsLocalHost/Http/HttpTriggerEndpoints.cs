using FunctionsLocalHost.Discovery;
using FunctionsLocalHost.Invocation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace FunctionsLocalHost.Http;

/// <summary>
/// Maps each HTTP trigger to an endpoint at its route (the function's name when it declares none) under host.json's
/// route prefix, for its methods only, so ASP.NET Core routing answers 404 and 405 as the Functions host does.
/// Authorization levels are not checked: locally every request is let in, as Core Tools do.
/// </summary>
internal static class HttpTriggerEndpoints
{
    public static void Map(WebApplication app, IEnumerable<LocalFunction> functions, string routePrefix, FunctionInvoker invoker,
        CancellationToken stopping, ILogger logger)
    {
        foreach (var function in functions)
        {
            var trigger = (HttpTriggerAttribute)function.Trigger;
            var pattern = string.Join('/', new[] { routePrefix.Trim('/'), (trigger.Route ?? function.Name).Trim('/') }.Where(p => p.Length > 0));
            RequestDelegate handler = http => HandleAsync(http, function, invoker, stopping, logger);
            var endpoint = trigger.Methods is { Length: > 0 } methods
                ? app.MapMethods("/" + pattern, methods.Select(m => m.ToUpperInvariant()), handler)
                : app.Map("/" + pattern, handler);
            endpoint.WithDisplayName(function.Name);
        }
    }

    private static async Task HandleAsync(HttpContext http, LocalFunction function, FunctionInvoker invoker, CancellationToken stopping,
        ILogger logger)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping, http.RequestAborted);
        var bindingData = http.Request.RouteValues.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        LocalHttpRequestData? requestData = null;
        LocalFunctionContext? context = null;
        context = new LocalFunctionContext(function, http.RequestServices, type => TriggerValue(type, http, RequestData()), bindingData,
            cancellation.Token);
        context.Items[LocalFunctionContext.HttpContextKey] = http;
        context.Features.Set<IHttpRequestDataFeature>(new RequestDataFeature(RequestData));
        try
        {
            await invoker.InvokeAsync(context);
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            logger.LogError(e, "Function {Function} (invocation {InvocationId}) failed.", function.Name, context.InvocationId);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }
        await HttpResultWriter.WriteAsync(context.Result, http);

        LocalHttpRequestData RequestData() => requestData ??= new LocalHttpRequestData(context!, http);
    }

    private static object TriggerValue(Type type, HttpContext http, HttpRequestData requestData) =>
        type == typeof(HttpRequest) ? http.Request
        : type == typeof(HttpRequestData) ? requestData
        : throw new InvalidOperationException($"An HTTP trigger parameter must be an HttpRequest or HttpRequestData locally, not {type.Name}.");

    private sealed class RequestDataFeature(Func<HttpRequestData> requestData) : IHttpRequestDataFeature
    {
        public ValueTask<HttpRequestData?> GetHttpRequestDataAsync(FunctionContext context) => new(requestData());
    }
}
