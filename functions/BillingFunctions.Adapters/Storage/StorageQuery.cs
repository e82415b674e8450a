namespace BillingFunctions.Adapters.Storage;

internal static class StorageQuery
{
    /// <summary>Splits a URI query into decoded name/value pairs, as Shared Key signing wants them.</summary>
    public static IEnumerable<(string Name, string Value)> Parse(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            yield return (Uri.UnescapeDataString(name), Uri.UnescapeDataString(value));
        }
    }
}
