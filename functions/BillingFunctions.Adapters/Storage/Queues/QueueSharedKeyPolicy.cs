using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BillingFunctions.Adapters.Storage;

/// <summary>
/// Shared Key for the Blob/Queue services (version 2009-09-19 and later): the verb, eleven standard
/// headers, the canonicalized x-ms-* headers and the resource with every query parameter.
/// </summary>
internal sealed class QueueSharedKeyPolicy(StorageSharedKey key) : HttpPipelineSynchronousPolicy
{
    private static readonly string[] StandardHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var builder = new StringBuilder();
        builder.Append(request.Method.Method.ToUpperInvariant()).Append('\n');
        foreach (var name in StandardHeaders)
            builder.Append(StandardHeader(request, name)).Append('\n');
        AppendCanonicalizedHeaders(builder, request);
        AppendCanonicalizedResource(builder, key.AccountName, request.Uri.ToUri());
        request.Headers.SetValue("Authorization", key.Authorization(builder.ToString()));
    }

    private static string StandardHeader(Request request, string name)
    {
        if (name == "Content-Length")
        {
            // Since version 2015-02-21 a zero length is signed as the empty string.
            return request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0
                ? length.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : "";
        }
        return request.Headers.TryGetValue(name, out var value) ? value : "";
    }

    private static void AppendCanonicalizedHeaders(StringBuilder builder, Request request)
    {
        var headers = request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach (var (name, value) in headers)
            builder.Append(name).Append(':').Append(value).Append('\n');
    }

    private static void AppendCanonicalizedResource(StringBuilder builder, string account, Uri uri)
    {
        builder.Append('/').Append(account).Append(uri.AbsolutePath);
        var parameters = StorageQuery.Parse(uri.Query)
            .GroupBy(p => p.Name.ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in parameters)
        {
            var values = group.Select(p => p.Value).Order(StringComparer.Ordinal);
            builder.Append('\n').Append(group.Key).Append(':').AppendJoin(',', values);
        }
    }
}
