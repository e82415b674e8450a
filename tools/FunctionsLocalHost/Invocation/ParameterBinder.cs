using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsLocalHost.Invocation;

/// <summary>
/// Gives each parameter its value: the context, the cancellation token, the trigger's value, or else the binding data
/// of the same name (route values, queue message metadata), converted to the parameter's type.
/// </summary>
internal static class ParameterBinder
{
    public static object? Bind(ParameterInfo parameter, LocalFunctionContext context)
    {
        var type = parameter.ParameterType;
        if (type == typeof(FunctionContext))
            return context;
        if (type == typeof(CancellationToken))
            return context.CancellationToken;
        if (parameter.GetCustomAttribute<DurableClientAttribute>() is not null)
            return context.InstanceServices.GetRequiredService<DurableTaskClient>();
        if (parameter.Position == context.Function.TriggerParameter.Position)
            return context.TriggerValue(type);
        var data = context.BindingContext.BindingData;
        var match = data.Keys.FirstOrDefault(key => string.Equals(key, parameter.Name, StringComparison.OrdinalIgnoreCase));
        if (match is not null && data[match] is { } value)
            return Convert(value, type, parameter.Name!, context.Function.Name);
        if (parameter.HasDefaultValue)
            return parameter.DefaultValue;
        return type.IsValueType ? Activator.CreateInstance(type) : null;
    }

    public static object? Convert(object value, Type type, string name, string functionName)
    {
        if (type.IsInstanceOfType(value))
            return value;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            if (value is string text)
            {
                var converter = TypeDescriptor.GetConverter(target);
                return converter.CanConvertFrom(typeof(string))
                    ? converter.ConvertFromInvariantString(text)
                    : JsonSerializer.Deserialize(text, target, JsonSerializerOptions.Web);
            }
            return value is IConvertible ? System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture) : value;
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or JsonException or NotSupportedException or ArgumentException)
        {
            throw new InvalidOperationException($"Function '{functionName}': cannot bind '{value}' to parameter '{name}' of type {type.Name}.", e);
        }
    }
}
