using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BillingFunctions.Domain.Monetary;

namespace BillingFunctions.App.Processes;

/// <summary>
/// JSON for process state, events and effects. The domain carries no attributes, so the polymorphic
/// hierarchies (events, effects) are declared here, each subtype under a stable name.
/// </summary>
public static class ProcessJson
{
    public static JsonSerializerOptions Create(params (Type BaseType, (Type Type, string Name)[] Subtypes)[] hierarchies)
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(info =>
        {
            foreach (var (baseType, subtypes) in hierarchies)
            {
                if (info.Type != baseType) continue;
                info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$kind" };
                foreach (var (type, name) in subtypes) info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, name));
            }
        });
        var options = new JsonSerializerOptions { TypeInfoResolver = resolver };
        options.Converters.Add(new CurrencyConverter());
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    private sealed class CurrencyConverter : JsonConverter<Currency>
    {
        public override Currency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Currency.Parse(reader.GetString() ?? throw new JsonException("A currency is a three-letter code."));

        public override void Write(Utf8JsonWriter writer, Currency value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code);
    }
}
