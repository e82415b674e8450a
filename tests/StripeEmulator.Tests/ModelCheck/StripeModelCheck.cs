using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Stripe;

namespace StripeEmulator.Tests.ModelCheck;

/// <summary>
/// Checks a JSON body from the emulator against Stripe.net's model of it, which is the API version Stripe.net pins:
/// the body deserializes into the type as Stripe.net deserializes (Newtonsoft, <see cref="StripeEntity.FromJson{T}(string)"/>);
/// every property in it, at any depth, is one the type declares with <c>[JsonProperty]</c> (so a field an older version
/// had and this one dropped is caught; Newtonsoft alone would ignore it); and every field our code reads
/// (<see cref="FieldsOurCodeReads"/>) is there.
/// </summary>
public static class StripeModelCheck
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Type>> PropertiesByType = new();

    private static readonly MethodInfo FromJson = typeof(StripeEntity).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Single(m => m is { Name: nameof(StripeEntity.FromJson), IsGenericMethodDefinition: true }
            && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(string));

    /// <summary>Every way <paramref name="body"/> differs from <paramref name="type"/>; empty when it matches.</summary>
    public static IReadOnlyList<string> Check(JsonNode body, Type type)
    {
        var problems = new List<string>();
        try
        {
            FromJson.MakeGenericMethod(type).Invoke(null, [body.ToJsonString()]);
        }
        catch (TargetInvocationException e)
        {
            problems.Add($"$: does not deserialize into {Name(type)}: {e.InnerException?.Message}");
        }
        Walk(body, type, "$", problems);
        problems.AddRange(FieldsOurCodeReads.MissingIn(body));
        return problems;
    }

    /// <summary>Checks an API answer to <paramref name="path"/> as the Stripe.net type it is (<see cref="ResponseType"/>).</summary>
    public static IReadOnlyList<string> CheckResponse(string path, JsonNode body) =>
        ResponseType(path, body) is { } type ? Check(body, type) : [$"$: no Stripe.net type for object \"{body["object"]}\""];

    /// <summary>An error answer, a list of the path's resource, or the type the body's <c>object</c> names.</summary>
    public static Type? ResponseType(string path, JsonNode body)
    {
        if (body["error"] is not null) return typeof(StripeErrorBody);
        var name = (body["object"] as JsonValue)?.ToString() ?? "";
        if (name != "list") return StripeTypeRegistry.ObjectsToTypes.GetValueOrDefault(name);
        return path.Split('?')[0].Trim('/').Split('/') switch
        {
            ["v1", "customers"] => typeof(StripeList<Customer>),
            ["v1", "invoices"] => typeof(StripeList<Invoice>),
            ["v1", "invoice_payments"] => typeof(StripeList<InvoicePayment>),
            ["v1", "events"] => typeof(StripeList<Event>),
            _ => null,
        };
    }

    /// <summary>The JSON names <paramref name="type"/> declares, with their types (internal ones too: expandable ids are internal).</summary>
    public static IReadOnlyDictionary<string, Type> Properties(Type type) => PropertiesByType.GetOrAdd(type, t =>
    {
        var properties = new Dictionary<string, Type>(StringComparer.Ordinal);
        for (var declaring = t; declaring is not null; declaring = declaring.BaseType)
        {
            const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            foreach (var property in declaring.GetProperties(All))
            {
                if (property.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName is { } name) properties.TryAdd(name, property.PropertyType);
            }
        }
        return properties;
    });

    private static void Walk(JsonNode? node, Type type, string path, List<string> problems)
    {
        if (node is null) return;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Generic(type, typeof(ExpandableField<>)) is { } expanded)
        {
            if (node is JsonValue) return;
            type = expanded;
        }
        if (type == typeof(object)) return;
        if (DictionaryValue(type) is { } valueType)
        {
            // Free-form keys (metadata and the like); only the values have a shape.
            if (node is not JsonObject map) problems.Add($"{path}: expected an object for {Name(type)}");
            else foreach (var (key, value) in map) Walk(value, valueType, $"{path}.{key}", problems);
            return;
        }
        if (ListElement(type) is { } element)
        {
            if (node is not JsonArray array) problems.Add($"{path}: expected an array for {Name(type)}");
            else for (var i = 0; i < array.Count; i++) Walk(array[i], element, $"{path}[{i}]", problems);
            return;
        }
        if (type.Assembly != typeof(StripeEntity).Assembly) return; // strings, numbers, dates: deserializing checked them

        if (node is not JsonObject obj)
        {
            problems.Add($"{path}: expected an object for {Name(type)}, got {node.ToJsonString()}");
            return;
        }
        var objectName = (obj["object"] as JsonValue)?.ToString();
        if (type.IsInterface || type.IsAbstract)
        {
            if (objectName is null || !StripeTypeRegistry.ObjectsToTypes.TryGetValue(objectName, out var concrete))
            {
                problems.Add($"{path}: object \"{objectName}\" is no type Stripe.net knows");
                return;
            }
            type = concrete;
        }
        else if (objectName is not null && !type.IsGenericType && StripeTypeRegistry.ObjectsToTypes.TryGetValue(objectName, out var named)
                 && !type.IsAssignableFrom(named))
        {
            problems.Add($"{path}: object \"{objectName}\" where Stripe.net expects {Name(type)}");
        }

        var properties = Properties(type);
        foreach (var (key, value) in obj)
        {
            if (!properties.TryGetValue(key, out var propertyType))
            {
                problems.Add($"{path}.{key}: {Name(type)} has no such property in Stripe.net (API {StripeConfiguration.ApiVersion})");
                continue;
            }
            if (type == typeof(EventData) && key == "previous_attributes") WalkPreviousAttributes(value, obj["object"], $"{path}.{key}", problems);
            else Walk(value, propertyType, $"{path}.{key}", problems);
        }
    }

    /// <summary>An event's <c>previous_attributes</c> are old values of the object's own fields, so they follow its type.</summary>
    private static void WalkPreviousAttributes(JsonNode? previous, JsonNode? current, string path, List<string> problems)
    {
        if (previous is not JsonObject old) return;
        var objectName = (current?["object"] as JsonValue)?.ToString() ?? "";
        if (!StripeTypeRegistry.ObjectsToTypes.TryGetValue(objectName, out var type)) return; // reported on data.object
        var properties = Properties(type);
        foreach (var (key, value) in old)
        {
            if (properties.TryGetValue(key, out var propertyType)) Walk(value, propertyType, $"{path}.{key}", problems);
            else problems.Add($"{path}.{key}: {Name(type)} has no such property in Stripe.net (API {StripeConfiguration.ApiVersion})");
        }
    }

    private static Type? Generic(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition ? type.GetGenericArguments()[0] : null;

    private static Type? DictionaryValue(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? type.GetGenericArguments()[1] : null;

    private static Type? ListElement(Type type) => Generic(type, typeof(List<>)) ?? (type.IsArray ? type.GetElementType() : null);

    private static string Name(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(",", type.GetGenericArguments().Select(Name))}>" : type.Name;
}
