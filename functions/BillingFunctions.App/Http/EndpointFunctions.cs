using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;

namespace BillingFunctions.App.Http;

/// <summary>The app's endpoints as Map calls, run on a route builder of <see cref="EndpointFunctions"/>.</summary>
public sealed record EndpointMap(Action<IEndpointRouteBuilder> Map);

/// <summary>
/// Runs each HTTP function through the minimal-API endpoint of the same name. The isolated worker hands a function its
/// request but runs neither endpoint routing nor ASP.NET Core middleware (azure-functions-dotnet-worker#1725), so the
/// endpoints are built here, outside any web host, from the app's Map calls, and each invocation gets what the
/// middleware gave it: authentication and authorization by the endpoint's policy, problem responses for exceptions and
/// for error statuses written without a body. Binding, validation, endpoint filters (idempotency) and the handler are
/// the endpoint's own request delegate, as they were.
/// </summary>
public sealed class EndpointFunctions
{
    private readonly ILogger<EndpointFunctions> _logger;

    public EndpointFunctions(IServiceProvider services, EndpointMap map, ILogger<EndpointFunctions> logger)
    {
        _logger = logger;
        var routes = new DetachedRouteBuilder(services);
        map.Map(routes);
        DataSource = new DefaultEndpointDataSource(routes.DataSources.SelectMany(source => source.Endpoints));
        ByName = DataSource.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null)
            .ToDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, StringComparer.Ordinal);
    }

    /// <summary>Every endpoint, for the OpenAPI document and for checking that each one has its function.</summary>
    public EndpointDataSource DataSource { get; }

    /// <summary>The endpoints by name; an HTTP function is named for its endpoint.</summary>
    public IReadOnlyDictionary<string, RouteEndpoint> ByName { get; }

    /// <summary>
    /// The function on every API path and method no other function takes: the host would answer those with an empty
    /// 404, so this one answers with a problem, 405 and the Allow header when the path has endpoints for other methods.
    /// </summary>
    public const string NoRouteFunction = "api-no-route";

    [Function(NoRouteFunction)]
    public static Task NoRoute(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "delete", "patch", Route = "v1/{*path}")] HttpRequest request,
        FunctionContext context) => RunAsync(request, context);

    /// <summary>What every HTTP function does: run the endpoint named like the function.</summary>
    public static Task RunAsync(HttpRequest request, FunctionContext function) =>
        function.InstanceServices.GetRequiredService<EndpointFunctions>().RunEndpointAsync(request, function);

    private async Task RunEndpointAsync(HttpRequest request, FunctionContext function)
    {
        var http = request.HttpContext;
        if (!ByName.TryGetValue(function.FunctionDefinition.Name, out var endpoint))
        {
            // No route for the request, or a function whose endpoint is not mapped in this configuration, such as the
            // development clock without time travel.
            var allowed = function.FunctionDefinition.Name == NoRouteFunction ? MethodsAt(request.Path) : [];
            http.Response.StatusCode = allowed.Count > 0 ? StatusCodes.Status405MethodNotAllowed : StatusCodes.Status404NotFound;
            if (allowed.Count > 0) http.Response.Headers.Allow = string.Join(", ", allowed);
            await WriteProblemIfEmptyAsync(http);
            return;
        }

        http.SetEndpoint(endpoint);
        try
        {
            await AuthorizeAndRunAsync(http, endpoint);
        }
        catch (Exception exception) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            if (await HandledAsync(http, exception)) return;
            _logger.LogError(exception, "Function {Function} failed.", function.FunctionDefinition.Name);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
        await WriteProblemIfEmptyAsync(http);
    }

    private List<string> MethodsAt(PathString path) =>
    [
        .. ByName.Values
            .Where(e => new TemplateMatcher(new RouteTemplate(e.RoutePattern), []).TryMatch(path, []))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct().Order(StringComparer.Ordinal),
    ];

    private static async Task AuthorizeAndRunAsync(HttpContext http, RouteEndpoint endpoint)
    {
        var services = http.RequestServices;
        var policy = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? null : await AuthorizationPolicy.CombineAsync(
            services.GetRequiredService<IAuthorizationPolicyProvider>(), endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
        if (policy is null)
        {
            await endpoint.RequestDelegate!(http);
            return;
        }
        var evaluator = services.GetRequiredService<IPolicyEvaluator>();
        var authentication = await evaluator.AuthenticateAsync(policy, http);
        var authorization = await evaluator.AuthorizeAsync(policy, authentication, http, http);
        // Challenges (401) and forbids (403) through the schemes' handlers, or runs the endpoint.
        await services.GetRequiredService<IAuthorizationMiddlewareResultHandler>()
            .HandleAsync(endpoint.RequestDelegate!, http, policy, authorization);
    }

    private static async Task<bool> HandledAsync(HttpContext http, Exception exception)
    {
        foreach (var handler in http.RequestServices.GetServices<IExceptionHandler>())
        {
            if (await handler.TryHandleAsync(http, exception, http.RequestAborted)) return true;
        }
        return false;
    }

    /// <summary>What status code pages did: an error status without a body gets a problem of that status.</summary>
    private static async Task WriteProblemIfEmptyAsync(HttpContext http)
    {
        var response = http.Response;
        if (response.StatusCode < 400 || response.HasStarted || response.ContentLength is not null || !string.IsNullOrEmpty(response.ContentType))
            return;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = response.StatusCode } });
    }

    /// <summary>A route builder that belongs to no web host: what the Map calls add is only collected.</summary>
    private sealed class DetachedRouteBuilder(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }
}
