using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace FunctionsLocalHost.Discovery;

/// <summary>A <c>[Function]</c> method found in the app, with its one trigger.</summary>
public sealed class LocalFunction(string name, MethodInfo method, ParameterInfo triggerParameter, BindingAttribute trigger)
{
    public string Name { get; } = name;
    public MethodInfo Method { get; } = method;
    public ParameterInfo TriggerParameter { get; } = triggerParameter;
    public BindingAttribute Trigger { get; } = trigger;
    public string TriggerType { get; } = BindingNames.Of(trigger);

    internal FunctionDefinition Definition => field ??= new LocalFunctionDefinition(this);

    public FunctionTableEntry TableEntry => Trigger switch
    {
        HttpTriggerAttribute http =>
            new(Name, TriggerType, http.Route ?? Name, http.Methods?.Select(m => m.ToLowerInvariant()).ToArray(), null, null, null),
        TimerTriggerAttribute timer => new(Name, TriggerType, null, null, timer.Schedule, null, null),
        QueueTriggerAttribute queue => new(Name, TriggerType, null, null, null, queue.QueueName, queue.Connection),
        _ => new(Name, TriggerType, null, null, null, null, null),
    };
}

internal static class BindingNames
{
    /// <summary>The binding's type as functions.metadata spells it: HttpTriggerAttribute is "httpTrigger", BlobInputAttribute "blob".</summary>
    public static string Of(BindingAttribute binding)
    {
        var name = binding.GetType().Name;
        name = name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
        foreach (var direction in new[] { "Input", "Output" })
            if (name.EndsWith(direction, StringComparison.Ordinal) && name.Length > direction.Length)
                name = name[..^direction.Length];
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
