using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace FunctionsLocalHost.Discovery;

/// <summary>
/// Finds the app's <c>[Function]</c> methods by reflection and refuses, all at once, every function whose trigger or
/// bindings the local host cannot run, rather than serving the app without them.
/// </summary>
public static class FunctionCatalog
{
    public static readonly IReadOnlyList<Type> SupportedTriggers =
        [typeof(HttpTriggerAttribute), typeof(TimerTriggerAttribute), typeof(QueueTriggerAttribute),
            typeof(OrchestrationTriggerAttribute), typeof(ActivityTriggerAttribute)];

    /// <summary>The input bindings other than triggers the host can supply.</summary>
    private static readonly IReadOnlyList<Type> SupportedInputs = [typeof(DurableClientAttribute)];

    /// <summary>The trigger parameter types the host can supply; a queue trigger takes any type (a POCO is read as JSON).</summary>
    private static readonly Dictionary<Type, Type[]> AcceptedTypes = new()
    {
        [typeof(HttpTriggerAttribute)] = [typeof(HttpRequest), typeof(HttpRequestData)],
        [typeof(TimerTriggerAttribute)] = [typeof(TimerInfo)],
        [typeof(OrchestrationTriggerAttribute)] = [typeof(TaskOrchestrationContext)],
    };

    public static IReadOnlyList<LocalFunction> Discover(Assembly assembly)
    {
        var functions = new List<LocalFunction>();
        var problems = new List<string>();
        var methods = assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => (method, attribute: method.GetCustomAttribute<FunctionAttribute>()))
            .Where(found => found.attribute is not null);
        foreach (var (method, attribute) in methods)
        {
            var function = Describe(attribute!.Name, method, problems);
            if (function is not null)
                functions.Add(function);
        }
        foreach (var duplicate in functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            problems.Add($"Function '{duplicate.Key}' is declared {duplicate.Count()} times.");
        if (problems.Count > 0)
            throw new FunctionHostStartupException(problems);
        return functions;
    }

    private static LocalFunction? Describe(string name, MethodInfo method, List<string> problems)
    {
        var bindings = method.GetParameters()
            .SelectMany(p => p.GetCustomAttributes<BindingAttribute>().Select(binding => (parameter: p, binding)))
            .ToList();
        var before = problems.Count;
        foreach (var (parameter, binding) in bindings.Where(b => !SupportedTriggers.Contains(b.binding.GetType())
            && !SupportedInputs.Contains(b.binding.GetType())))
            problems.Add($"Function '{name}': the {BindingNames.Of(binding)} binding ({binding.GetType().Name} on parameter '{parameter.Name}') "
                + "is not supported by the local host, which runs httpTrigger, timerTrigger, queueTrigger, orchestrationTrigger and "
                + "activityTrigger functions, with no other binding than durableClient.");
        foreach (var (parameter, binding) in bindings.Where(b => b.binding is DurableClientAttribute
            && b.parameter.ParameterType != typeof(DurableTaskClient)))
            problems.Add($"Function '{name}': a durableClient parameter of type {parameter.ParameterType.Name} is not supported "
                + "by the local host; use DurableTaskClient.");
        foreach (var binding in OutputBindings(method))
            problems.Add($"Function '{name}': the {BindingNames.Of(binding)} output binding ({binding.GetType().Name}) "
                + "is not supported by the local host.");
        var triggers = bindings.Where(b => b.binding is TriggerBindingAttribute).ToList();
        if (triggers.Count != 1)
            problems.Add($"Function '{name}' has {triggers.Count} triggers; a function needs exactly one.");
        else if (triggers[0] is var (parameter, trigger) && AcceptedTypes.TryGetValue(trigger.GetType(), out var accepted)
            && !accepted.Contains(parameter.ParameterType))
            problems.Add($"Function '{name}': a {BindingNames.Of(trigger)} parameter of type {parameter.ParameterType.Name} is not supported "
                + $"by the local host; use {string.Join(" or ", accepted.Select(t => t.Name))}.");
        return problems.Count > before ? null : new LocalFunction(name, method, triggers[0].parameter, triggers[0].binding);
    }

    /// <summary>Output bindings on the method or its return value, or on properties of a multi-output return type.</summary>
    private static IEnumerable<BindingAttribute> OutputBindings(MethodInfo method)
    {
        var returnType = method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() is var generic
            && (generic == typeof(Task<>) || generic == typeof(ValueTask<>)) ? method.ReturnType.GetGenericArguments()[0] : method.ReturnType;
        var frameworkType = returnType.Namespace is { } ns
            && (ns.StartsWith("System", StringComparison.Ordinal) || ns.StartsWith("Microsoft", StringComparison.Ordinal));
        var onProperties = frameworkType ? [] : returnType.GetProperties().SelectMany(p => p.GetCustomAttributes<BindingAttribute>());
        return method.GetCustomAttributes<BindingAttribute>()
            .Concat(method.ReturnParameter.GetCustomAttributes<BindingAttribute>())
            .Concat(onProperties);
    }
}
