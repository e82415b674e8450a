using Azure.Core;
using Azure.Core.Pipeline;

namespace BillingFunctions.Adapters.Storage;

/// <summary>
/// Shared Key for the Table service, whose string-to-sign is shorter than Blob/Queue's:
/// VERB, Content-MD5, Content-Type, date, and the resource with only the comp parameter.
/// </summary>
internal sealed class TableSharedKeyPolicy(StorageSharedKey key) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var uri = request.Uri.ToUri();
        var stringToSign = string.Join('\n',
            request.Method.Method.ToUpperInvariant(),
            Header(request, "Content-MD5"),
            Header(request, "Content-Type"),
            Header(request, "x-ms-date"),
            CanonicalizedResource(key.AccountName, uri));
        request.Headers.SetValue("Authorization", key.Authorization(stringToSign));
    }

    internal static string CanonicalizedResource(string account, Uri uri)
    {
        var resource = $"/{account}{uri.AbsolutePath}";
        foreach (var (name, value) in StorageQuery.Parse(uri.Query))
        {
            if (string.Equals(name, "comp", StringComparison.OrdinalIgnoreCase))
                return $"{resource}?comp={value}";
        }
        return resource;
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : "";
}
