using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BillingFunctions.Domain.Catalog;
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
        options.Converters.Add(new BillingIntervalConverter());
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    /// <summary>
    /// A struct with get-only properties is made with its parameterless constructor, so without this every stored
    /// interval would read back as zero months.
    /// </summary>
    private sealed class BillingIntervalConverter : JsonConverter<BillingInterval>
    {
        public override BillingInterval Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var json = JsonDocument.ParseValue(ref reader);
            return new BillingInterval(Enum.Parse<IntervalUnit>(json.RootElement.GetProperty("Unit").GetString()!),
                json.RootElement.GetProperty("Count").GetInt32());
        }

        public override void Write(Utf8JsonWriter writer, BillingInterval value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("Unit", value.Unit.ToString());
            writer.WriteNumber("Count", value.Count);
            writer.WriteEndObject();
        }
    }

    private sealed class CurrencyConverter : JsonConverter<Currency>
    {
        public override Currency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Currency.Parse(reader.GetString() ?? throw new JsonException("A currency is a three-letter code."));

        public override void Write(Utf8JsonWriter writer, Currency value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code);
    }
}
