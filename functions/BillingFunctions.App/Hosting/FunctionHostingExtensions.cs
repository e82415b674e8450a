namespace BillingFunctions.App.Hosting;

public static class FunctionHostingExtensions
{
    /// <summary>Registers the declarations, the catalog over them and the invoker the host and the local runner share.</summary>
    public static IServiceCollection AddFunctions(this IServiceCollection services, IEnumerable<FunctionDeclaration> functions)
    {
        foreach (var function in functions) services.AddSingleton(function);
        services.AddSingleton(sp => new FunctionCatalog(sp.GetServices<FunctionDeclaration>()));
        services.AddSingleton<FunctionInvoker>();
        return services;
    }

    /// <summary>
    /// Under the Functions host, listen where it tells us. On loopback only: the host calls us on localhost, and
    /// the invocation endpoints must not be reachable from outside.
    /// </summary>
    public static void UseCustomHandlerPort(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[AppSettings.CustomHandlerPortSetting] is { Length: > 0 } port)
        {
            builder.WebHost.UseUrls($"http://localhost:{port}");
        }
    }

    /// <summary>Maps every HTTP function with a handler as an ordinary endpoint and every other function as POST /{name}.</summary>
    public static void MapFunctions(this WebApplication app)
    {
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        app.MapHttpFunctions(catalog.Http);
        app.MapInvocationEndpoints(catalog);
    }

    /// <summary>Maps each HTTP function that has a handler as an endpoint named for it, at its route.</summary>
    public static void MapHttpFunctions(this IEndpointRouteBuilder routes, IEnumerable<HttpFunction> functions)
    {
        foreach (var http in functions)
        {
            if (http.Handler is { } handler) routes.MapMethods(http.Path, http.Methods, handler).WithName(http.Name);
        }
    }
}
