using System.Diagnostics;
using FunctionsLocalHost.Discovery;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsLocalHost.Invocation;

/// <summary>
/// The <see cref="FunctionContext"/> of one invocation: its own service scope, the trigger's binding data, a token
/// cancelled when the host stops, and (for HTTP) the request's HttpContext where <c>GetHttpContext()</c> looks for it.
/// </summary>
internal sealed class LocalFunctionContext : FunctionContext
{
    /// <summary>The key of <see cref="Items"/> the worker's ASP.NET Core integration reads the HttpContext from.</summary>
    public const string HttpContextKey = "HttpRequestContext";

    public LocalFunctionContext(LocalFunction function, IServiceProvider services, Func<Type, object?> triggerValue,
        IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken)
    {
        Function = function;
        InstanceServices = services;
        TriggerValue = triggerValue;
        BindingContext = new LocalBindingContext(bindingData);
        CancellationToken = cancellationToken;
        TraceContext = new LocalTraceContext(Activity.Current);
    }

    public LocalFunction Function { get; }

    /// <summary>Makes the trigger parameter's value for the type the function asks for.</summary>
    public Func<Type, object?> TriggerValue { get; }

    /// <summary>What the function returned, once it has run.</summary>
    public object? Result { get; set; }

    public override string InvocationId { get; } = Guid.NewGuid().ToString();
    public override string FunctionId => Function.Definition.Id;
    public override TraceContext TraceContext { get; }
    public override BindingContext BindingContext { get; }
    public override RetryContext RetryContext { get; } = new NoRetries();
    public override IServiceProvider InstanceServices { get; set; }
    public override FunctionDefinition FunctionDefinition => Function.Definition;
    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
    public override IInvocationFeatures Features { get; } = new FeatureSet();
    public override CancellationToken CancellationToken { get; }

    private sealed class LocalBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData => data;
    }

    private sealed class LocalTraceContext(Activity? activity) : TraceContext
    {
        public override string TraceParent => activity?.Id ?? "";
        public override string TraceState => activity?.TraceStateString ?? "";
    }

    private sealed class NoRetries : RetryContext
    {
        public override int RetryCount => 0;
        public override int MaxRetryCount => 0;
    }

    private sealed class FeatureSet : Dictionary<Type, object>, IInvocationFeatures
    {
        public T? Get<T>() => TryGetValue(typeof(T), out var feature) ? (T)feature : default;

        public void Set<T>(T instance)
        {
            if (instance is null)
                Remove(typeof(T));
            else
                this[typeof(T)] = instance;
        }
    }
}
