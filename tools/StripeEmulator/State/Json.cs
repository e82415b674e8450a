using System.Text.Json.Nodes;

namespace StripeEmulator.State;

/// <summary>Small builders for the sub-objects many resources share.</summary>
internal static class Json
{
    /// <summary>Output like Stripe's: plain UTF-8, apostrophes and non-ASCII left as they are.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Output = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject Metadata(IReadOnlyDictionary<string, string> metadata)
    {
        var obj = new JsonObject();
        foreach (var (k, v) in metadata) obj[k] = v;
        return obj;
    }

    public static JsonObject Address(JsonObject? given = null)
    {
        var address = new JsonObject();
        foreach (var field in (string[])["city", "country", "line1", "line2", "postal_code", "state"])
            address[field] = given?[field]?.ToString();
        return address;
    }

    public static JsonObject BillingDetails() => new()
    {
        ["address"] = Address(), ["email"] = null, ["name"] = null, ["phone"] = null,
    };

    public static JsonObject List(IEnumerable<JsonObject> data, string url, bool hasMore = false) => new()
    {
        ["object"] = "list",
        ["data"] = new JsonArray(data.Select(d => (JsonNode?)d).ToArray()),
        ["has_more"] = hasMore,
        ["url"] = url,
    };
}
