using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsLocalHost.Discovery;

/// <summary>What <see cref="FunctionContext.FunctionDefinition"/> shows middleware: name, entry point, parameters and the trigger binding.</summary>
internal sealed class LocalFunctionDefinition : FunctionDefinition
{
    public LocalFunctionDefinition(LocalFunction function)
    {
        Name = function.Name;
        Id = function.Name;
        EntryPoint = $"{function.Method.DeclaringType!.FullName}.{function.Method.Name}";
        PathToAssembly = function.Method.DeclaringType.Assembly.Location;
        Parameters = [.. function.Method.GetParameters().Select(p => new FunctionParameter(p.Name!, p.ParameterType))];
        InputBindings = ImmutableDictionary<string, BindingMetadata>.Empty
            .Add(function.TriggerParameter.Name!, new Binding(function.TriggerParameter.Name!, function.TriggerType, BindingDirection.In));
        OutputBindings = function.Trigger is HttpTriggerAttribute
            ? ImmutableDictionary<string, BindingMetadata>.Empty.Add("$return", new Binding("$return", "http", BindingDirection.Out))
            : ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    public override ImmutableArray<FunctionParameter> Parameters { get; }
    public override string PathToAssembly { get; }
    public override string EntryPoint { get; }
    public override string Id { get; }
    public override string Name { get; }
    public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; }
    public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; }

    private sealed class Binding(string name, string type, BindingDirection direction) : BindingMetadata
    {
        public override string Name { get; } = name;
        public override string Type { get; } = type;
        public override BindingDirection Direction { get; } = direction;
    }
}
