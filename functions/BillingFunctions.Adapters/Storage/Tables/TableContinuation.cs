using System.Text;

namespace BillingFunctions.Adapters.Storage;

/// <summary>
/// Packs the service's NextPartitionKey/NextRowKey pair into one opaque string, so callers
/// (and HTTP APIs that pass it on) handle a single token.
/// </summary>
internal static class TableContinuation
{
    private const char Separator = '\n';

    public static string? Encode(string? nextPartitionKey, string? nextRowKey) =>
        nextPartitionKey is null
            ? null
            : Convert.ToBase64String(Encoding.UTF8.GetBytes(nextPartitionKey + Separator + nextRowKey))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (string NextPartitionKey, string? NextRowKey) Decode(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            var separator = text.IndexOf(Separator);
            return separator < 0 ? (text, null) : (text[..separator], NullIfEmpty(text[(separator + 1)..]));
        }
        catch (FormatException)
        {
            throw new ArgumentException("The continuation token is not one this client issued.", nameof(token));
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
