using System.Collections.Concurrent;
using System.Net;

namespace StripeEmulator.Tests.Support;

/// <summary>Sits under a real client (Stripe.net) and keeps every response body it received, to check them afterwards.</summary>
public sealed class RecordingHandler() : DelegatingHandler(new HttpClientHandler())
{
    public sealed record Exchange(HttpMethod Method, string PathAndQuery, HttpStatusCode Status, string Body);

    public ConcurrentQueue<Exchange> Exchanges { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        // Buffering keeps the content readable for the client after we read it here.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        Exchanges.Enqueue(new Exchange(request.Method, request.RequestUri!.PathAndQuery, response.StatusCode,
            await response.Content.ReadAsStringAsync(cancellationToken)));
        return response;
    }
}
