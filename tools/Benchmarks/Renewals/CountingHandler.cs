namespace Benchmarks.Renewals;

/// <summary>Counts the Stripe requests the renewals sent and how many the rate limit turned away (429).</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int requests;
    private int throttled;
    private int paid;

    public int Requests => Volatile.Read(ref requests);
    public int Throttled => Volatile.Read(ref throttled);
    /// <summary>Invoices paid: the last Stripe call of a renewal.</summary>
    public int Paid => Volatile.Read(ref paid);

    public void Reset()
    {
        Interlocked.Exchange(ref requests, 0);
        Interlocked.Exchange(ref throttled, 0);
        Interlocked.Exchange(ref paid, 0);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Interlocked.Increment(ref requests);
        if ((int)response.StatusCode == 429) Interlocked.Increment(ref throttled);
        if (response.IsSuccessStatusCode && request.RequestUri!.AbsolutePath.EndsWith("/pay", StringComparison.Ordinal)) Interlocked.Increment(ref paid);
        return response;
    }
}
