using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace Benchmarks.Crm;

/// <summary>
/// The emulator's invoice.paid events POSTed to the webhook as Stripe sends them, each signed when it is sent (Stripe
/// signs every delivery attempt afresh); timed from the first POST until every invoice shows as paid in the projection
/// (webhook, queue, local trigger runner, Stripe reads the app makes, one transaction per event).
/// </summary>
internal sealed class WebhookIngest(HttpClient app, TableClient table, string tenant, string webhookSecret)
{
    public sealed record Result(int Events, double Seconds, IReadOnlyList<double> PostMilliseconds);

    public async Task<Result> RunAsync(IReadOnlyList<(string InvoiceId, string Body)> events, int concurrency, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (stripeEvent, ct) =>
        {
            var body = stripeEvent.Body;
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/stripe/{tenant}")
                { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Stripe-Signature", Sign(body));
            var started = Stopwatch.GetTimestamp();
            using var response = await app.SendAsync(request, ct);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Webhook answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            lock (latencies) latencies.Add(elapsed);
        });

        var paidPrefix = "idx|status|paid|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenant} and RowKey ge {paidPrefix} and RowKey lt {"idx|status|paid}"}");
        while (true)
        {
            var paid = 0;
            await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken)) paid++;
            if (paid >= events.Count) break;
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
                throw new TimeoutException($"Only {paid} of {events.Count} invoices were paid after 10 minutes.");
            await Task.Delay(100, cancellationToken);
        }
        return new Result(events.Count, clock.Elapsed.TotalSeconds, latencies);
    }

    private string Sign(string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhookSecret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(signature)}";
    }
}
