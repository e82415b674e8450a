using System.Security.Cryptography;
using System.Text.Json.Serialization;
using BillingFunctions.App.Http;

namespace BillingFunctions.App.Imports;

/// <summary>
/// An import's uploaded file, bound before the endpoint's filters run: the body buffered (in memory, then in a temporary
/// file) so the import can read it more than once, and its SHA-256, which the Idempotency-Key fingerprint takes in (it
/// hashes the requests' bound arguments), so the same key with another file is refused rather than answered as the first.
/// A body that is not <c>text/csv</c> or is too large is bound too, flagged, for the endpoint to answer with its problem.
/// </summary>
public sealed record CsvFileRequest(string? Sha256)
{
    /// <summary>Kept in memory this far, then in a temporary file.</summary>
    private const int BufferedInMemory = 64 * 1024;

    [JsonIgnore]
    public Stream Body { get; private init; } = Stream.Null;

    [JsonIgnore]
    public bool NotCsv { get; private init; }

    [JsonIgnore]
    public bool TooLarge { get; private init; }

    /// <summary>Minimal API binding: reads the body once to hash it, then rewinds it.</summary>
    public static async ValueTask<CsvFileRequest?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!IsCsv(request.ContentType)) return new CsvFileRequest(Sha256: null) { NotCsv = true };
        if (request.ContentLength > ImportsApi.MaxFileBytes) return new CsvFileRequest(Sha256: null) { TooLarge = true };
        // No limit of its own: the size is counted as the file is hashed, and past the limit the read stops.
        request.EnableBuffering(BufferedInMemory);
        try
        {
            var hash = await SHA256.HashDataAsync(new SizeLimitedStream(request.Body, ImportsApi.MaxFileBytes), context.RequestAborted);
            request.Body.Position = 0;
            return new CsvFileRequest(Convert.ToHexStringLower(hash)) { Body = request.Body };
        }
        catch (ImportTooLargeException)
        {
            return new CsvFileRequest(Sha256: null) { TooLarge = true };
        }
    }

    private static bool IsCsv(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && string.Equals(media.MediaType.Value, CsvDownload.ContentType, StringComparison.OrdinalIgnoreCase);
}
