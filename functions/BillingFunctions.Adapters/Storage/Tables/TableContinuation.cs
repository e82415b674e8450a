using System.Text;

namespace BillingFunctions.Adapters.Storage;

/// <summary>
/// Packs the service's NextPartitionKey/NextRowKey pair into one opaque string, so callers
/// (and HTTP APIs that pass it on) handle a single token.
/// </summary>
internal static class TableContinuation
{
    private const char Separator = '\n';
    private const int MaxKeyLength = 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Encode(string? nextPartitionKey, string? nextRowKey) =>
        nextPartitionKey is null
            ? null
            : Convert.ToBase64String(Encoding.UTF8.GetBytes(nextPartitionKey + Separator + nextRowKey))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <exception cref="InvalidContinuationTokenException">The token is not one <see cref="Encode"/> made.</exception>
    public static (string NextPartitionKey, string? NextRowKey) Decode(string token)
    {
        string text;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            text = StrictUtf8.GetString(Convert.FromBase64String(base64));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidContinuationTokenException();
        }
        // Keys the service could never have handed out would only make it fail the query.
        var separator = text.IndexOf(Separator);
        var (partitionKey, rowKey) = separator < 0 ? (text, "") : (text[..separator], text[(separator + 1)..]);
        if (!IsKey(partitionKey) || partitionKey.Length == 0 || !IsKey(rowKey)) throw new InvalidContinuationTokenException();
        return (partitionKey, rowKey.Length == 0 ? null : rowKey);
    }

    private static bool IsKey(string key) => key.Length <= MaxKeyLength && !key.Any(char.IsControl);
}

/// <summary>A continuation token that no query of this client issued: a caller's mistake, not a storage failure.</summary>
public sealed class InvalidContinuationTokenException() : FormatException("The continuation token is not one this client issued.");
