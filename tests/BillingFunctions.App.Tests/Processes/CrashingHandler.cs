namespace BillingFunctions.App.Tests.Processes;

/// <summary>The process dies right after a side effect took place, before it could record it.</summary>
internal sealed class SimulatedCrash(string where) : Exception($"Simulated crash after {where}");

/// <summary>
/// Lets Stripe perform the n-th POST, then throws instead of returning its answer: a crash between that
/// side effect and whatever the process would have done next.
/// </summary>
internal sealed class CrashingHandler(int crashAfterPost) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _posts;

    public int Posts => Volatile.Read(ref _posts);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Post && Interlocked.Increment(ref _posts) == crashAfterPost)
        {
            response.Dispose();
            throw new SimulatedCrash($"POST {request.RequestUri!.AbsolutePath}");
        }
        return response;
    }
}
