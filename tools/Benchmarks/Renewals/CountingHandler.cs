namespace Benchmarks.Renewals;

/// <summary>Counts the Stripe requests the renewals sent and how many the rate limit turned away (429).</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int requests;
    private int throttled;

    public int Requests => Volatile.Read(ref requests);
    public int Throttled => Volatile.Read(ref throttled);

    public void Reset()
    {
        Interlocked.Exchange(ref requests, 0);
        Interlocked.Exchange(ref throttled, 0);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Interlocked.Increment(ref requests);
        if ((int)response.StatusCode == 429) Interlocked.Increment(ref throttled);
        return response;
    }
}
