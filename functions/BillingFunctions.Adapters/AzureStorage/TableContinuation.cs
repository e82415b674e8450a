using System.Text;

namespace BillingFunctions.Adapters.AzureStorage;

/// <summary>
/// Wraps the table SDK's continuation token (the service's next keys) in one URL-safe string, so a token a caller
/// makes up is told apart here, before the SDK would send it to the service as keys or silently start over.
/// </summary>
internal static class TableContinuation
{
    private const int MaxTokenLength = 4096;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Encode(string? sdkToken) =>
        sdkToken is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(sdkToken)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <exception cref="InvalidContinuationTokenException">The token is not one <see cref="Encode"/> made.</exception>
    public static string Decode(string token)
    {
        string text;
        try
        {
            if (token.Length > MaxTokenLength) throw new FormatException();
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            text = StrictUtf8.GetString(Convert.FromBase64String(base64));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidContinuationTokenException();
        }
        // The service's next keys are printable and the SDK joins them with one space; anything else it never issued.
        if (text.Length == 0 || text.Any(char.IsControl) || text.StartsWith(' ') || text.Split(' ').Length > 2)
            throw new InvalidContinuationTokenException();
        return text;
    }
}

/// <summary>A continuation token that no query of this client issued: a caller's mistake, not a storage failure.</summary>
public sealed class InvalidContinuationTokenException() : FormatException("The continuation token is not one this client issued.");
