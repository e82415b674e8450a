using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace SampleWorkerApp.Middleware;

/// <summary>HTTP only: answers 403 itself when the request carries X-Block, so the function never runs; otherwise tags the response.</summary>
public class BlockingMiddleware(InvocationLog log) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext() ?? throw new InvalidOperationException("An HTTP invocation without its HttpContext.");
        log.Add($"http middleware {context.FunctionDefinition.Name}");
        if (http.Request.Headers.ContainsKey("X-Block"))
        {
            http.Response.StatusCode = 403;
            await http.Response.WriteAsync("blocked by middleware");
            return;
        }
        http.Response.Headers["X-Middleware"] = "ran";
        await next(context);
    }
}
