using System.Collections.Concurrent;

namespace BillingFunctions.Adapters.Tests.Stripe;

/// <summary>Passes requests on unchanged and remembers each one's method, path and parameter names as sent.</summary>
internal sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var encoded = request.Content is null
            ? request.RequestUri!.Query.TrimStart('?')
            : await request.Content.ReadAsStringAsync(cancellationToken);
        var names = encoded.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => Uri.UnescapeDataString(pair.Split('=')[0]))
            .ToList();
        Requests.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri!.AbsolutePath, names));
        return await base.SendAsync(request, cancellationToken);
    }
}

internal sealed record RecordedRequest(string Method, string Path, IReadOnlyList<string> ParameterNames);
