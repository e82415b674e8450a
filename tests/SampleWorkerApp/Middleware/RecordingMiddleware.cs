using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace SampleWorkerApp.Middleware;

/// <summary>Runs around every invocation and writes down that it did, before and after the function.</summary>
public class RecordingMiddleware(InvocationLog log) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        log.Add($"before {context.FunctionDefinition.Name}");
        try
        {
            await next(context);
        }
        finally
        {
            log.Add($"after {context.FunctionDefinition.Name}");
        }
    }
}
