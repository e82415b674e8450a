using System.Collections.Immutable;
using System.Text;
using System.Threading.Channels;
using StripeEmulator.Events;

namespace StripeEmulator.Webhooks;

/// <summary>
/// Delivers events to every webhook target in the background, so API calls return at once.
/// First attempts go out in event order; a target that does not answer 2xx gets retries with
/// exponential backoff, up to <see cref="EmulatorOptions.WebhookMaxAttempts"/> attempts.
/// </summary>
internal sealed class WebhookDispatcher(EmulatorOptions options, DeliveryLog log, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly Channel<Delivery> _queue = Channel.CreateUnbounded<Delivery>(new() { SingleReader = true });
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private ImmutableList<WebhookTarget> _targets = [.. options.WebhookTargets];

    private sealed record Delivery(StripeEvent Event, string Body, WebhookTarget Target, int Attempt, bool Settles);

    public IReadOnlyList<WebhookTarget> Targets => _targets;

    public void AddTarget(WebhookTarget target) => ImmutableInterlocked.Update(ref _targets, t => t.Add(target));

    public void Publish(IEnumerable<StripeEvent> events)
    {
        foreach (var e in events)
        {
            var targets = _targets;
            e.PendingWebhooks = targets.Count;
            var body = e.ToJson().ToJsonString(StripeEmulator.State.Json.Output);
            foreach (var target in targets) _queue.Writer.TryWrite(new Delivery(e, body, target, 1, Settles: true));
        }
    }

    /// <summary>Sends an event again to every target (Stripe delivers at least once; receivers must cope).</summary>
    public int Redeliver(StripeEvent e)
    {
        var targets = _targets;
        var body = e.ToJson().ToJsonString(StripeEmulator.State.Json.Output);
        foreach (var target in targets) _queue.Writer.TryWrite(new Delivery(e, body, target, 1, Settles: false));
        return targets.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (!await TryDeliverAsync(delivery, stoppingToken))
                    _ = RetryAsync(delivery, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RetryAsync(Delivery failed, CancellationToken ct)
    {
        var delivery = failed;
        try
        {
            while (delivery.Attempt < options.WebhookMaxAttempts)
            {
                var delay = options.WebhookRetryDelay * Math.Pow(2, delivery.Attempt - 1);
                await Task.Delay(delay, ct);
                delivery = delivery with { Attempt = delivery.Attempt + 1 };
                if (await TryDeliverAsync(delivery, ct)) return;
            }
            logger.LogWarning("Gave up delivering {EventId} to {Url} after {Attempts} attempts", delivery.Event.Id,
                delivery.Target.Url, delivery.Attempt);
            if (delivery.Settles) delivery.Event.DeliverySettled();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> TryDeliverAsync(Delivery delivery, CancellationToken ct)
    {
        var timestamp = options.Time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Target.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Stripe-Signature", WebhookSigner.Header(delivery.Target.Secret, timestamp, delivery.Body));
        request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        int status;
        string? error = null;
        try
        {
            using var response = await _http.SendAsync(request, ct);
            status = (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            status = 0;
            error = ex.Message;
        }
        log.Add(new DeliveryAttempt(delivery.Event.Id, delivery.Event.Type, delivery.Target.Url.ToString(), delivery.Attempt, status, error,
            options.Time.GetUtcNow()));
        var ok = status is >= 200 and < 300;
        if (ok && delivery.Settles) delivery.Event.DeliverySettled();
        return ok;
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
