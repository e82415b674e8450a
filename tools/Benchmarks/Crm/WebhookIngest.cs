using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace Benchmarks.Crm;

/// <summary>
/// Signed invoice.paid events POSTed to the webhook as Stripe would send them; timed from the first POST until every
/// invoice shows as paid in the projection (webhook, queue, local trigger runner, one transaction per event).
/// </summary>
internal sealed class WebhookIngest(HttpClient app, TableClient table, string tenant, string webhookSecret)
{
    public sealed record Result(int Events, double Seconds, IReadOnlyList<double> PostMilliseconds);

    public async Task<Result> RunAsync(IReadOnlyList<(string InvoiceId, long Total)> invoices, int concurrency, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(invoices, parallel, async (invoice, ct) =>
        {
            var body = Event(invoice.InvoiceId, invoice.Total);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/stripe/{tenant}")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
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
            if (paid >= invoices.Count) break;
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
                throw new TimeoutException($"Only {paid} of {invoices.Count} invoices were paid after 10 minutes.");
            await Task.Delay(100, cancellationToken);
        }
        return new Result(invoices.Count, clock.Elapsed.TotalSeconds, latencies);
    }

    private string Event(string invoiceId, long total)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var stripeId = "in_" + invoiceId;
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = "evt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), ["object"] = "event", ["type"] = "invoice.paid",
            ["created"] = now, ["api_version"] = "2023-08-16", ["livemode"] = false, ["pending_webhooks"] = 1,
            ["data"] = new Dictionary<string, object?>
            {
                ["object"] = new Dictionary<string, object?>
                {
                    ["id"] = stripeId, ["object"] = "invoice", ["status"] = "paid", ["customer"] = "cus_bench", ["currency"] = "eur",
                    ["amount_due"] = total, ["amount_paid"] = total, ["amount_remaining"] = 0, ["subtotal"] = total, ["total"] = total,
                    ["attempt_count"] = 1, ["collection_method"] = "send_invoice", ["created"] = now - 3600,
                    ["metadata"] = new Dictionary<string, string> { ["billing_invoice_id"] = invoiceId },
                    ["lines"] = new Dictionary<string, object?> { ["object"] = "list", ["data"] = Array.Empty<object>(), ["has_more"] = false,
                        ["url"] = "/v1/invoice_lines" },
                },
            },
        });
    }

    private string Sign(string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhookSecret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(signature)}";
    }
}
