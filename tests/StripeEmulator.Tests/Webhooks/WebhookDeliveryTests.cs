using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StripeEmulator.Tests.Support;

namespace StripeEmulator.Tests.Webhooks;

public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string Secret = "whsec_test_emulator_secret";
    private WebhookReceiver _receiver = null!;
    private RunningEmulator _emulator = null!;
    private EmulatorClient _stripe = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _emulator = await RunningEmulator.StartAsync(new EmulatorOptions
        {
            RateLimitPerSecond = null,
            WebhookTargets = [new WebhookTarget(_receiver.Url, Secret)],
            WebhookRetryDelay = TimeSpan.FromMilliseconds(50),
            WebhookMaxAttempts = 4,
        });
        _stripe = new EmulatorClient(_emulator.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        _stripe.Dispose();
        await _emulator.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Every_delivery_carries_a_valid_stripe_signature_over_the_exact_body()
    {
        var customer = await _stripe.CustomerWithDefaultCardAsync("pm_card_visa");
        var invoice = await _stripe.OpenInvoiceAsync(customer, 5000);
        (await _stripe.PostAsync($"/v1/invoices/{invoice}/pay")).EnsureOk();

        var deliveries = await _receiver.WaitForAsync(d => d.Any(x => Type(x) == "invoice.payment_succeeded"));

        Assert.All(deliveries, d => Assert.True(SignatureIsValid(d.Signature, d.Body, Secret), $"bad signature {d.Signature}"));
        Assert.All(deliveries, d => Assert.False(SignatureIsValid(d.Signature, d.Body, "whsec_other"), "wrong secret must not verify"));
        Assert.All(deliveries, d => Assert.False(SignatureIsValid(d.Signature, d.Body + " ", Secret), "tampered body must not verify"));
        var types = deliveries.Select(Type).ToList();
        Assert.Equal(
            ["customer.created", "payment_method.attached", "customer.updated", "invoiceitem.created", "invoice.created", "payment_intent.created",
             "invoice.finalized", "invoice.updated", "charge.succeeded", "payment_intent.succeeded", "invoice_payment.paid",
             "invoice.updated", "invoice.paid",
             "invoice.payment_succeeded"],
            types);
        var paid = JsonNode.Parse(deliveries.Last().Body)!;
        Assert.Equal(("event", "2026-10-28.endive", "paid"), (paid["object"]!.ToString(), paid["api_version"]!.ToString(),
            paid["data"]!["object"]!["status"]!.ToString()));
    }

    [Fact]
    public async Task Updated_events_carry_the_previous_values_of_changed_fields()
    {
        var customer = await _stripe.CustomerAsync(("email", "old@example.com"), ("metadata[a]", "1"));
        (await _stripe.PostAsync($"/v1/customers/{customer}", ("email", "new@example.com"))).EnsureOk();

        var deliveries = await _receiver.WaitForAsync(d => d.Any(x => Type(x) == "customer.updated"));

        var updated = JsonNode.Parse(deliveries.Single(d => Type(d) == "customer.updated").Body)!;
        Assert.Equal("new@example.com", updated["data"]!["object"]!["email"]!.ToString());
        Assert.Equal("""{"email":"old@example.com"}""", updated["data"]!["previous_attributes"]!.ToJsonString());
    }

    [Fact]
    public async Task A_failing_endpoint_gets_retries_with_growing_gaps_until_it_answers_2xx()
    {
        _receiver.AnswerNext(500, 503, 404);

        var customer = await _stripe.CustomerAsync();

        var deliveries = await _receiver.WaitForAsync(d => d.Count(x => x.AnsweredWith == 200) >= 1);
        var attempts = deliveries.Where(d => Id(d) == Id(deliveries[0])).ToList();
        Assert.Equal([500, 503, 404, 200], attempts.Select(a => a.AnsweredWith));
        var log = await _stripe.ControlGetAsync("/_emulator/webhooks/deliveries");
        var logged = log["data"]!.AsArray().Where(d => d!["event_type"]!.ToString() == "customer.created").ToList();
        Assert.Equal([1, 2, 3, 4], logged.Select(d => (int)d!["attempt"]!));
        // The emulator stamps each attempt after its answer, so a gap is the backoff plus the next answer's time:
        // never much shorter than 50, 100, 200 ms however loaded the machine is, which wall-clock arrivals cannot
        // promise. "Much": stamps are whole milliseconds and the runtime's timers may fire a tick early against the
        // wall clock (a 198 ms gap was seen for a 200 ms backoff), so each bound allows 5 ms.
        var at = logged.Select(d => (long)d!["at"]!).ToList();
        var gaps = at.Zip(at.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps.Zip(new long[] { 45, 95, 195 }).All(p => p.First >= p.Second),
            $"backoff should double from 50 ms: {string.Join(", ", gaps)} ms");
        var evt = (await _stripe.GetAsync($"/v1/events/{Id(attempts[0])}")).EnsureOk();
        Assert.Equal("0", evt["pending_webhooks"]);
        Assert.StartsWith("cus_", customer);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_number_of_attempts()
    {
        _receiver.AnswerNext(500, 500, 500, 500, 500, 500);

        await _stripe.CustomerAsync();
        await _receiver.WaitForAsync(d => d.Count >= 4);
        await Task.Delay(400);

        Assert.Equal(4, _receiver.Deliveries.Count);
    }

    [Fact]
    public async Task Redelivering_an_event_sends_the_same_event_again()
    {
        await _stripe.CustomerAsync();
        var first = (await _receiver.WaitForAsync(d => d.Count == 1))[0];

        await _stripe.ControlAsync($"/_emulator/events/{Id(first)}/redeliver", new { });
        var both = await _receiver.WaitForAsync(d => d.Count == 2);

        Assert.Equal(Id(both[0]), Id(both[1]));
        Assert.True(SignatureIsValid(both[1].Signature, both[1].Body, Secret));
    }

    [Fact]
    public async Task Targets_can_be_added_while_running()
    {
        await using var second = await WebhookReceiver.StartAsync();
        await _stripe.ControlAsync("/_emulator/webhooks", new { url = second.Url, secret = "whsec_second" });

        await _stripe.CustomerAsync();

        var delivered = (await second.WaitForAsync(d => d.Count == 1))[0];
        Assert.True(SignatureIsValid(delivered.Signature, delivered.Body, "whsec_second"));
    }

    private static string Type(WebhookReceiver.Delivery d) => JsonNode.Parse(d.Body)!["type"]!.ToString();

    private static string Id(WebhookReceiver.Delivery d) => JsonNode.Parse(d.Body)!["id"]!.ToString();

    // Written from Stripe's documented scheme, independently of the emulator's signer.
    private static bool SignatureIsValid(string header, string body, string secret)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToLookup(p => p[0], p => p[1]);
        var timestamp = parts["t"].Single();
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        return parts["v1"].Any(v => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(v), Encoding.ASCII.GetBytes(expected)));
    }
}
