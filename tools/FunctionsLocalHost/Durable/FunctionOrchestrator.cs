using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using FunctionsLocalHost.Discovery;
using FunctionsLocalHost.Invocation;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace FunctionsLocalHost.Durable;

/// <summary>
/// An <c>[OrchestrationTrigger]</c> function as a Durable Task orchestrator. The method is called directly on the
/// orchestration's own thread, without the app's middleware and without <c>ConfigureAwait(false)</c> in between, so
/// the orchestrator's awaits resume where the Durable Task worker replays them.
/// </summary>
internal sealed class FunctionOrchestrator(LocalFunction function, IServiceProvider services, ILoggerFactory loggers, JsonSerializerOptions json)
    : ITaskOrchestrator
{
    /// <summary>Read as JSON, so <c>GetInput&lt;T&gt;()</c> can convert it to whatever type the orchestrator asks for.</summary>
    public Type InputType => typeof(JsonElement);

    public Type OutputType => typeof(object);

    public async Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
    {
        var wrapped = new FunctionOrchestrationContext(context, input as JsonElement?, loggers, json);
        var invocation = new LocalFunctionContext(function, services, _ => wrapped,
            new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["instanceId"] = context.InstanceId }, CancellationToken.None);
        var method = function.Method;
        object? returned;
        try
        {
            returned = method.Invoke(null, [.. method.GetParameters().Select(p => ParameterBinder.Bind(p, invocation))]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
        if (returned is not Task task)
            return returned;
        await task;
        return method.ReturnType.IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }
}
