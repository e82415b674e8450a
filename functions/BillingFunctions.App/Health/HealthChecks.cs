using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.Adapters.Stripe;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Webhooks;

namespace BillingFunctions.App.Health;

/// <summary>Reachability of what the app depends on. Checks run in parallel, each bounded by <see cref="Timeout"/>.</summary>
public sealed class HealthChecks(StorageAccounts storage, StripeSettings stripe, IHttpClientFactory httpClients, TimeProvider time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken)
    {
        var tables = CheckAsync(storage.IsConfigured(), async ct =>
            await storage.GetTableClient(storage.BillingTable).QueryPageAsync(null, top: 1, cancellationToken: ct), cancellationToken);
        var queues = CheckAsync(storage.IsConfigured(), async ct =>
            await storage.GetQueueClient(StorageAccounts.StripeEventsQueue).GetPropertiesAsync(ct), cancellationToken);
        var stripeCheck = CheckAsync(stripe.IsConfigured, async ct =>
        {
            // One attempt: health reports what is, it does not wait out retries.
            var client = new StripeClient(httpClients.CreateClient(nameof(HealthChecks)), stripe.ClientOptions(time, maxRetries: 0));
            await client.Events.ListAsync(new EventListRequest { Limit = 1 }, ct);
        }, cancellationToken);

        var checks = new Dictionary<string, HealthCheckResult>
        {
            ["tables"] = await tables,
            ["queues"] = await queues,
            ["stripe"] = await stripeCheck is var result && result.Detail is { } detail
                ? result with { Detail = $"{stripe.Mode}: {detail}" }
                : result with { Detail = stripe.Mode },
        };
        return new HealthReport(checks.Values.All(c => c.IsOk) ? HealthReport.Healthy : HealthReport.Unhealthy, checks);
    }

    private async Task<HealthCheckResult> CheckAsync(bool configured, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        if (!configured) return new HealthCheckResult("not-configured", 0);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var started = Stopwatch.GetTimestamp();
        long Elapsed() => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            await probe(timeout.Token);
            return new HealthCheckResult("ok", Elapsed());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult("unreachable", Elapsed(), $"no answer within {Timeout.TotalSeconds:0} s");
        }
        catch (RequestFailedException exception)
        {
            return new HealthCheckResult("failing", Elapsed(), $"HTTP {exception.Status} {exception.ErrorCode}");
        }
        catch (StripeException exception)
        {
            return exception.HttpStatus is { } status
                ? new HealthCheckResult("failing", Elapsed(), $"HTTP {(int)status} {exception.Type}")
                : new HealthCheckResult("unreachable", Elapsed(), exception.Message);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Connection failures surface as HttpRequestException, or as AggregateException once retries run out.
            return new HealthCheckResult("unreachable", Elapsed(), exception.GetBaseException().Message);
        }
    }
}
