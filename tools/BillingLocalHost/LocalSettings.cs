using System.Text.Json;

namespace BillingLocalHost;

/// <summary>local.settings.json as Core Tools read it: its <c>Values</c> become app settings (<c>__</c> is a section).</summary>
internal static class LocalSettings
{
    public static IEnumerable<KeyValuePair<string, string?>> Read(string path)
    {
        if (!File.Exists(path)) return [];
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
        });
        if (!document.RootElement.TryGetProperty("Values", out var values)) return [];
        return [.. values.EnumerateObject()
            .Where(value => value.Value.ValueKind == JsonValueKind.String && value.Value.GetString() is { Length: > 0 })
            .Select(value => KeyValuePair.Create(value.Name.Replace("__", ":", StringComparison.Ordinal), value.Value.GetString()))];
    }
}
