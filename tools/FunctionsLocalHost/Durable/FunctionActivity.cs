using FunctionsLocalHost.Discovery;
using FunctionsLocalHost.Invocation;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsLocalHost.Durable;

/// <summary>
/// An <c>[ActivityTrigger]</c> function as a Durable Task activity: the worker reads the input as the trigger
/// parameter's type, and the function runs through the app's middleware in its own service scope, as any invocation.
/// </summary>
internal sealed class FunctionActivity(LocalFunction function, FunctionInvoker invoker, IServiceProvider services, CancellationToken stopping)
    : ITaskActivity
{
    public Type InputType => function.TriggerParameter.ParameterType;

    public Type OutputType => typeof(object);

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        var bindingData = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["instanceId"] = context.InstanceId };
        await using var scope = services.CreateAsyncScope();
        var invocation = new LocalFunctionContext(function, scope.ServiceProvider, _ => input, bindingData, stopping);
        await invoker.InvokeAsync(invocation).ConfigureAwait(false);
        return invocation.Result;
    }
}
