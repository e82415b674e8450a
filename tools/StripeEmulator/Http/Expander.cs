using System.Text.Json.Nodes;
using StripeEmulator.State;

namespace StripeEmulator.Http;

/// <summary>
/// Replaces ids with their objects for <c>expand[]</c> paths such as <c>payments.data.payment.payment_intent</c> or
/// <c>data.customer</c>, and adds includable fields (<c>payments</c>) that objects leave out unless asked.
/// </summary>
internal static class Expander
{
    public static void Apply(JsonNode? root, IEnumerable<string> paths, AccountState account)
    {
        foreach (var path in paths)
        {
            var segments = path.Split('.');
            if (segments.Length > 4)
                throw ApiException.InvalidRequest($"You cannot expand more than 4 levels of a property. Property: {path}", "expand");
            if (!Expand(root, segments, account))
                throw ApiException.InvalidRequest($"This property cannot be expanded ({path}).", "expand");
        }
    }

    private static bool Expand(JsonNode? node, ReadOnlySpan<string> segments, AccountState account)
    {
        if (node is not JsonObject obj) return false;
        var name = segments[0];
        if (name == "data" && obj["object"]?.ToString() == "list" && segments.Length > 1)
        {
            var rest = segments[1..].ToArray();
            foreach (var item in obj["data"]!.AsArray())
                if (!Expand(item, rest, account)) return false;
            return true;
        }
        if (!obj.TryGetPropertyValue(name, out var value))
        {
            if (account.FindAny(obj["id"]?.ToString() ?? "") is not IIncludes owner || owner.Include(name) is not { } included) return false;
            obj[name] = value = included;
            if (value is JsonValue) return segments.Length == 1;
        }
        if (value is JsonValue v && v.ToString() is { Length: > 0 } id && account.FindAny(id) is { } found)
            obj[name] = value = found.ToJson();
        else if (value is null) return segments.Length == 1;
        else if (value is not JsonObject) return false;
        return segments.Length == 1 || Expand(value, segments[1..], account);
    }
}
