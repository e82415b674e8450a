using System.Net;
using Stripe;

namespace BillingFunctions.Adapters.StripeApi;

/// <summary>
/// Stripe.net lets the last network failure through as it came (<see cref="HttpRequestException"/>, or a cancellation
/// for a timeout) once its retries run out; this turns that into a <see cref="StripeException"/> with no HTTP status,
/// so callers handle one exception type for "Stripe failed us".
/// </summary>
internal sealed class AnsweredOrStripeException(IHttpClient inner) : IHttpClient
{
    public async Task<StripeResponse> MakeRequestAsync(StripeRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.MakeRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw NoAnswer(request, e);
        }
    }

    public async Task<StripeStreamedResponse> MakeStreamingRequestAsync(StripeRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.MakeStreamingRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw NoAnswer(request, e);
        }
    }

    private static StripeException NoAnswer(StripeRequest request, Exception e) =>
        new($"No answer from Stripe for {request.Method} {request.Uri.AbsolutePath}: {e.Message}", e);
}
