namespace Benchmarks.Renewals;

/// <summary>Counts the Stripe requests the renewals sent and how many the rate limit turned away (429).</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _requests;
    private int _throttled;
    private int _paid;

    public int Requests => Volatile.Read(ref _requests);
    public int Throttled => Volatile.Read(ref _throttled);
    /// <summary>Invoices paid: the last Stripe call of a renewal.</summary>
    public int Paid => Volatile.Read(ref _paid);

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _throttled, 0);
        Interlocked.Exchange(ref _paid, 0);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Interlocked.Increment(ref _requests);
        if ((int)response.StatusCode == 429) Interlocked.Increment(ref _throttled);
        if (response.IsSuccessStatusCode && request.RequestUri!.AbsolutePath.EndsWith("/pay", StringComparison.Ordinal))
            Interlocked.Increment(ref _paid);
        return response;
    }
}
