using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsLocalHost.Invocation;

/// <summary>
/// The builder the app's registration method is given: services go into the host's container, and each worker
/// middleware (<c>UseMiddleware</c>, <c>UseWhen</c> and plain <c>Use</c> all end in <see cref="Use"/>) is kept in order.
/// </summary>
internal sealed class WorkerAppBuilder(IServiceCollection services) : IFunctionsWorkerApplicationBuilder
{
    public List<Func<FunctionExecutionDelegate, FunctionExecutionDelegate>> Middleware { get; } = [];

    public IServiceCollection Services => services;

    public IFunctionsWorkerApplicationBuilder Use(Func<FunctionExecutionDelegate, FunctionExecutionDelegate> middleware)
    {
        Middleware.Add(middleware);
        return this;
    }
}
