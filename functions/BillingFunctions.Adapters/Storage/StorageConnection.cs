namespace BillingFunctions.Adapters.Storage;

/// <summary>
/// A parsed Azure Storage connection string: the account, its key and the Table and Queue endpoints.
/// Supports <c>UseDevelopmentStorage=true</c> (Azurite on its default ports) and
/// <c>AccountName=...;AccountKey=...</c> with optional explicit <c>TableEndpoint</c>/<c>QueueEndpoint</c>.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The well-known Azurite development account key; public, not a secret.</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The Azurite development account name.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    private StorageConnection(string accountName, string accountKey, Uri tableEndpoint, Uri queueEndpoint)
    {
        AccountName = accountName;
        AccountKey = accountKey;
        TableEndpoint = tableEndpoint;
        QueueEndpoint = queueEndpoint;
    }

    /// <summary>The storage account name used when signing requests.</summary>
    public string AccountName { get; }

    /// <summary>The base64 account key. Never log it.</summary>
    public string AccountKey { get; }

    /// <summary>The Table service endpoint, e.g. <c>http://127.0.0.1:10002/devstoreaccount1</c>.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>The Queue service endpoint, e.g. <c>http://127.0.0.1:10001/devstoreaccount1</c>.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>Parses a connection string.</summary>
    /// <exception cref="FormatException">The string lacks an account or key, or has a malformed part.</exception>
    public static StorageConnection Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=');
            if (equals <= 0)
                throw new FormatException($"Connection string part '{Redact(segment)}' is not Name=Value.");
            parts[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
            return Development(parts);

        if (!parts.TryGetValue("AccountName", out var account) || account.Length == 0)
            throw new FormatException("Connection string has no AccountName.");
        if (!parts.TryGetValue("AccountKey", out var key) || key.Length == 0)
            throw new FormatException("Connection string has no AccountKey.");

        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        var table = Endpoint(parts, "TableEndpoint") ?? new Uri($"{protocol}://{account}.table.{suffix}");
        var queue = Endpoint(parts, "QueueEndpoint") ?? new Uri($"{protocol}://{account}.queue.{suffix}");
        return new StorageConnection(account, key, table, queue);
    }

    private static StorageConnection Development(Dictionary<string, string> parts)
    {
        var proxy = parts.GetValueOrDefault("DevelopmentStorageProxyUri", "http://127.0.0.1").TrimEnd('/');
        return new StorageConnection(
            DevelopmentAccountName,
            DevelopmentAccountKey,
            new Uri($"{proxy}:10002/{DevelopmentAccountName}"),
            new Uri($"{proxy}:10001/{DevelopmentAccountName}"));
    }

    private static Uri? Endpoint(Dictionary<string, string> parts, string name) =>
        parts.TryGetValue(name, out var value) && value.Length > 0
            ? Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri)
                ? uri
                : throw new FormatException($"{name} '{value}' is not an absolute URI.")
            : null;

    private static string Redact(string segment) =>
        segment.StartsWith("AccountKey", StringComparison.OrdinalIgnoreCase) ? "AccountKey=***" : segment;
}
