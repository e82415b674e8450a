using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BillingFunctions.Adapters.AzureStorage;
using BillingFunctions.App.Hosting;
using BillingFunctions.App.Webhooks;
using Stripe;

namespace BillingFunctions.App.Health;

/// <summary>Reachability of what the app depends on. Checks run in parallel, each bounded by <see cref="Timeout"/>.</summary>
public sealed class HealthChecks(StorageAccounts storage, StripeSettings stripe, IConfiguration configuration)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    // One attempt: health reports what is, it does not wait out retries.
    private readonly Lazy<StripeClient> _stripeClient = new(() => StripeSettings.Client(configuration, maxNetworkRetries: 0));

    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken)
    {
        var tables = CheckAsync(storage.IsConfigured(), async ct =>
            await storage.GetTableClient(storage.BillingTable).QueryPageAsync(null, top: 1, cancellationToken: ct), cancellationToken);
        var queues = CheckAsync(storage.IsConfigured(), async ct =>
            await storage.GetQueueClient(Webhooks.StripeEventMessage.QueueName).GetPropertiesAsync(ct), cancellationToken);
        var stripeCheck = CheckAsync(stripe.IsConfigured, async ct =>
        {
            var account = stripe.PlatformAccount(_stripeClient.Value);
            await account.V1.Events.ListAsync(new EventListOptions { Limit = 1 }, account.Read(), ct);
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
            return exception.StripeResponse is not null || exception.HttpStatusCode != 0
                ? new HealthCheckResult("failing", Elapsed(), $"HTTP {(int)exception.HttpStatusCode} {exception.StripeError?.Type}")
                : new HealthCheckResult("unreachable", Elapsed(), exception.Message);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Connection failures surface as HttpRequestException, or as AggregateException once retries run out.
            return new HealthCheckResult("unreachable", Elapsed(), exception.GetBaseException().Message);
        }
    }
}
