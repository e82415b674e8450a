using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace BillingFunctions.Adapters.Stripe;

/// <summary>Sends one logical Stripe request: headers, rate limit, retries with the same idempotency key, errors.</summary>
internal sealed class StripeRequestSender
{
    /// <summary>Stripe refuses longer keys.</summary>
    public const int MaxIdempotencyKeyLength = 255;

    private readonly HttpClient http;
    private readonly StripeClientOptions options;
    private readonly TokenBucket? rateLimit;
    private readonly ILogger logger;

    public StripeRequestSender(HttpClient http, StripeClientOptions options, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        this.http = http;
        this.options = options;
        this.logger = logger;
        // A burst of one paces concurrent work evenly: Stripe counts requests over a sliding second,
        // so letting a full second's worth through at once and then refilling would overshoot it.
        rateLimit = options.RateLimitPerSecond is { } perSecond ? new TokenBucket(perSecond, burst: 1, options.TimeProvider) : null;
    }

    public Task<T> GetAsync<T>(string path, StripeForm? query, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, query, null, cancellationToken);

    public Task<T> PostAsync<T>(string path, StripeForm? form, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(idempotencyKey.Length, MaxIdempotencyKeyLength, nameof(idempotencyKey));
        return SendAsync<T>(HttpMethod.Post, path, form, idempotencyKey, cancellationToken);
    }

    public static string Segment(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Uri.EscapeDataString(id);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, StripeForm? form, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var encoded = form?.Encode() ?? "";
        for (var retry = 0; ; retry++)
        {
            if (rateLimit is not null)
            {
                await rateLimit.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            using var request = BuildRequest(method, path, encoded, idempotencyKey);
            using var timeout = new CancellationTokenSource(options.RequestTimeout, options.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            HttpResponseMessage response;
            string body;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (retry >= options.MaxRetries)
                {
                    throw new StripeConnectionException($"No answer from Stripe for {method} {path} after {retry + 1} attempts", e);
                }
                var wait = RetryDecision.Delay(retry + 1, options.InitialRetryDelay, options.MaxRetryDelay, null, Random.Shared.NextDouble());
                logger.LogWarning(e, "Stripe {Method} {Path} got no answer; retry {Retry} in {Delay}", method, path, retry + 1, wait);
                await Task.Delay(wait, options.TimeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    return JsonSerializer.Deserialize<T>(body, StripeJson.Options)
                        ?? throw new JsonException($"Stripe answered {method} {path} with null");
                }
                var status = (int)response.StatusCode;
                var requestId = response.Headers.TryGetValues("Request-Id", out var ids) ? ids.FirstOrDefault() : null;
                if (retry >= options.MaxRetries || !RetryDecision.ShouldRetry(response))
                {
                    throw StripeErrors.FromResponse(status, body, requestId);
                }
                var wait = RetryDecision.Delay(retry + 1, options.InitialRetryDelay, options.MaxRetryDelay,
                    RetryDecision.RetryAfter(response), Random.Shared.NextDouble());
                logger.LogWarning("Stripe {Method} {Path} answered {Status} (request {RequestId}); retry {Retry} in {Delay}",
                    method, path, status, requestId, retry + 1, wait);
                await Task.Delay(wait, options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private HttpRequestMessage BuildRequest(HttpMethod method, string path, string encoded, string? idempotencyKey)
    {
        var isGet = method == HttpMethod.Get;
        var url = new Uri(options.BaseUrl, isGet && encoded.Length > 0 ? $"{path}?{encoded}" : path);
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        request.Headers.Add("Stripe-Version", StripeClientOptions.ApiVersion);
        if (options.StripeAccount is { } account)
        {
            request.Headers.Add("Stripe-Account", account);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        if (!isGet)
        {
            request.Content = new StringContent(encoded, Encoding.UTF8, "application/x-www-form-urlencoded");
        }
        return request;
    }
}
