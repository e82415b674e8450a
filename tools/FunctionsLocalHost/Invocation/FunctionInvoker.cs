using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsLocalHost.Invocation;

/// <summary>Runs one invocation through the app's worker middleware, first registered outermost, and then the function.</summary>
internal sealed class FunctionInvoker
{
    private readonly FunctionExecutionDelegate _pipeline;

    public FunctionInvoker(IReadOnlyList<Func<FunctionExecutionDelegate, FunctionExecutionDelegate>> middleware)
    {
        FunctionExecutionDelegate pipeline = context => RunFunctionAsync((LocalFunctionContext)context);
        for (var i = middleware.Count - 1; i >= 0; i--)
            pipeline = middleware[i](pipeline);
        _pipeline = pipeline;
    }

    public async Task InvokeAsync(LocalFunctionContext context) => await _pipeline(context).ConfigureAwait(false);

    private static async Task RunFunctionAsync(LocalFunctionContext context)
    {
        var method = context.Function.Method;
        var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(context.InstanceServices, method.DeclaringType!);
        try
        {
            var arguments = method.GetParameters().Select(p => ParameterBinder.Bind(p, context)).ToArray();
            object? returned;
            try
            {
                returned = method.Invoke(instance, arguments);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
            context.Result = await AwaitResultAsync(returned, method.ReturnType).ConfigureAwait(false);
        }
        finally
        {
            if (instance is IAsyncDisposable asyncDisposable)
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            else if (instance is IDisposable disposable)
                disposable.Dispose();
        }
    }

    /// <param name="declared">The method's return type: an async Task method returns a Task&lt;VoidTaskResult&gt; at run time.</param>
    private static async Task<object?> AwaitResultAsync(object? returned, Type declared)
    {
        switch (returned)
        {
            case Task task:
                await task.ConfigureAwait(false);
                return declared.IsGenericType && declared.GetGenericTypeDefinition() == typeof(Task<>)
                    ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task)
                    : null;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return null;
            case not null when returned.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ValueTask<>):
                var asTask = (Task)type.GetMethod(nameof(ValueTask<object>.AsTask))!.Invoke(returned, null)!;
                return await AwaitResultAsync(asTask, typeof(Task<>).MakeGenericType(type.GetGenericArguments()[0])).ConfigureAwait(false);
            default:
                return returned;
        }
    }
}
