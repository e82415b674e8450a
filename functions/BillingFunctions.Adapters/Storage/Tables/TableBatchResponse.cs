using System.Globalization;

namespace BillingFunctions.Adapters.Storage;

/// <summary>One embedded HTTP response inside a <c>$batch</c> response.</summary>
internal sealed record TableBatchPart(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// Reads the embedded responses out of a multipart <c>$batch</c> response. On success there is one
/// per action, in order; on failure the service answers with a single part for the failing action,
/// whose error message starts with its zero-based index ("49:The specified entity already exists.").
/// </summary>
internal static class TableBatchResponse
{
    public static IReadOnlyList<TableBatchPart> Parse(string multipart)
    {
        var parts = new List<TableBatchPart>();
        var lines = multipart.Split("\r\n");
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
                continue;
            var status = int.Parse(lines[i].AsSpan(9, 3), CultureInfo.InvariantCulture);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (i++; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':');
                if (colon > 0)
                    headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
            }
            var body = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
                body.Add(lines[i]);
            i--;
            parts.Add(new TableBatchPart(status, headers, string.Join("\r\n", body).Trim()));
        }
        return parts;
    }

    public static TableTransactionFailedException Failure(TableBatchPart part)
    {
        var (code, message) = StorageErrorParser.ParseODataError(part.Body);
        message ??= $"The transaction failed with status {part.Status}.";
        return new TableTransactionFailedException(part.Status, message, code, FailedIndex(message));
    }

    private static int? FailedIndex(string message)
    {
        var colon = message.IndexOf(':');
        return colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
    }
}
