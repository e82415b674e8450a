using System.Net;
using BillingFunctions.Adapters.StripeApi;
using Stripe;

namespace BillingFunctions.Adapters.Tests.StripeApi;

/// <summary>
/// The app's Stripe connection (Stripe.net over our HTTP pipeline) with Stripe's answers scripted: header cases and
/// failures the emulator cannot produce. Stripe.net waits at least half a second between retries, so these take seconds.
/// </summary>
public class StripeConnectionTests
{
    private const string Customer = """{"id":"cus_1","object":"customer","created":1760000000,"livemode":false}""";
    private const string ServerError = """{"error":{"type":"api_error","message":"boom"}}""";

    private readonly ScriptedHandler _handler = new();

    private StripeAccount Account(int maxRetries = 2, string? account = null) =>
        new(StripeConnection.Create(new StripeConnectionOptions
        {
            ApiBase = new Uri("http://stripe.invalid"),
            MaxNetworkRetries = maxRetries,
            RequestsPerSecondPerAccount = null,
        }, _handler), "sk_test_123", account);

    private static Task<Customer> CreateCustomer(StripeAccount stripe) =>
        stripe.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "a@example.com" }, stripe.Write("crm:cust:42"));

    [Fact]
    public async Task Every_request_pins_stripe_nets_api_version_and_posts_carry_the_callers_idempotency_key()
    {
        _handler.Answer(HttpStatusCode.OK, Customer).Answer(HttpStatusCode.OK, Customer);
        var stripe = Account(account: "acct_tenant1");

        await CreateCustomer(stripe);
        await stripe.V1.Customers.GetAsync("cus_1", null, stripe.Read());

        var (post, get) = (_handler.Sent[0], _handler.Sent[1]);
        Assert.Equal("2026-10-28.endive", StripeConfiguration.ApiVersion);
        Assert.Equal(StripeConfiguration.ApiVersion, post.Headers["Stripe-Version"]);
        Assert.Equal(StripeConfiguration.ApiVersion, get.Headers["Stripe-Version"]);
        Assert.Equal("crm:cust:42", post.Headers["Idempotency-Key"]);
        Assert.False(get.Headers.ContainsKey("Idempotency-Key"));
        Assert.Equal("acct_tenant1", post.Headers["Stripe-Account"]);
        Assert.Equal("Bearer sk_test_123", post.Headers["Authorization"]);
        Assert.Contains("email=a%40example.com", post.Body, StringComparison.Ordinal);
        Assert.Equal("http://stripe.invalid/v1/customers/cus_1", get.Uri.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public void Without_an_emulator_the_client_talks_to_stripe_itself()
    {
        var client = StripeConnection.Create(new StripeConnectionOptions());

        Assert.Equal("https://api.stripe.com", client.ApiBase);
    }

    [Fact]
    public async Task Each_account_is_paced_on_its_own_so_one_tenants_backlog_does_not_hold_up_another()
    {
        _handler.Answer(HttpStatusCode.OK, Customer).Answer(HttpStatusCode.OK, Customer).Answer(HttpStatusCode.OK, Customer);
        // One request every two seconds per account: the second request of A must wait, B's need not.
        var client = StripeConnection.Create(new StripeConnectionOptions { ApiBase = new Uri("http://stripe.invalid"),
            RequestsPerSecondPerAccount = 0.5 },
            _handler);
        var (a, b) = (new StripeAccount(client, "sk_test_a"), new StripeAccount(client, "sk_test_b"));

        await a.V1.Customers.GetAsync("cus_1", null, a.Read());
        var secondOfA = a.V1.Customers.GetAsync("cus_1", null, a.Read());
        await Task.Delay(200);
        await b.V1.Customers.GetAsync("cus_1", null, b.Read());
        await secondOfA;

        Assert.Equal(["Bearer sk_test_a", "Bearer sk_test_b", "Bearer sk_test_a"], _handler.Sent.Select(s => s.Headers["Authorization"]));
    }

    [Fact]
    public async Task A_live_key_is_paced_to_the_live_mode_limit_and_a_test_key_to_the_test_mode_limit()
    {
        for (var i = 0; i < 4; i++) _handler.Answer(HttpStatusCode.OK, Customer);
        // Test mode one request every two seconds, live mode a hundred a second, on one account: the test key's second
        // request waits, the live key's two go past it (paced at the test rate, the live key's second would wait too).
        var client = StripeConnection.Create(new StripeConnectionOptions
        {
            ApiBase = new Uri("http://stripe.invalid"), RequestsPerSecondPerAccount = 0.5, LiveRequestsPerSecondPerAccount = 100,
        }, _handler);
        var (test, live) = (new StripeAccount(client, "sk_test_a", "acct_1"), new StripeAccount(client, "sk_live_a", "acct_1"));

        await test.V1.Customers.GetAsync("cus_1", null, test.Read());
        var secondOfTest = test.V1.Customers.GetAsync("cus_1", null, test.Read());
        await Task.Delay(200);
        await live.V1.Customers.GetAsync("cus_1", null, live.Read());
        await live.V1.Customers.GetAsync("cus_1", null, live.Read());
        await secondOfTest;

        Assert.Equal(["Bearer sk_test_a", "Bearer sk_live_a", "Bearer sk_live_a", "Bearer sk_test_a"],
            _handler.Sent.Select(s => s.Headers["Authorization"]));
    }

    [Fact]
    public async Task An_account_gets_the_rate_it_is_paced_to_not_a_tenth_of_a_second_per_request()
    {
        // 100 a second: 60 requests take about half a second. The generous bound only catches a limiter that
        // throttles far below its rate (one that released a token per 100 ms heartbeat took 6 s here).
        for (var i = 0; i < 60; i++) _handler.Answer(HttpStatusCode.OK, Customer);
        var client = StripeConnection.Create(new StripeConnectionOptions { ApiBase = new Uri("http://stripe.invalid"),
            RequestsPerSecondPerAccount = 100 },
            _handler);
        var account = new StripeAccount(client, "sk_test_a");

        var started = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => account.V1.Customers.GetAsync("cus_1", null, account.Read())));

        Assert.Equal(60, _handler.Sent.Count);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(3), $"60 requests at 100/s took {started.Elapsed.TotalSeconds:0.0} s");
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("")]
    public void A_write_without_an_idempotency_key_is_refused_before_sending(string key)
    {
        Assert.ThrowsAny<ArgumentException>(() => Account().Write(key));
        Assert.Empty(_handler.Sent);
    }

    [Fact]
    public void An_idempotency_key_longer_than_stripe_accepts_is_refused_before_sending()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Account().Write(new string('k', 256)));
        Assert.Empty(_handler.Sent);
    }

    [Fact]
    public async Task Server_errors_conflicts_network_failures_and_retries_stripe_asks_for_are_retried_with_the_same_key_and_body()
    {
        _handler.Answer(HttpStatusCode.InternalServerError, ServerError).Fail()
            .Answer(HttpStatusCode.Conflict, """{"error":{"type":"invalid_request_error","code":"lock_timeout"}}""")
            .Answer(HttpStatusCode.TooManyRequests, """{"error":{"type":"invalid_request_error","code":"rate_limit"}}""",
                ("Stripe-Should-Retry", "true"))
            .Answer(HttpStatusCode.OK, Customer);

        var customer = await CreateCustomer(Account(maxRetries: 4));

        Assert.Equal("cus_1", customer.Id);
        Assert.Equal(5, _handler.Sent.Count);
        Assert.All(_handler.Sent, s => Assert.Equal("crm:cust:42", s.Headers["Idempotency-Key"]));
        Assert.Single(_handler.Sent.Select(s => s.Body).Distinct());
    }

    [Fact]
    public async Task Stripe_should_retry_false_stops_retries_of_a_server_error()
    {
        _handler.Answer(HttpStatusCode.InternalServerError, ServerError, ("Stripe-Should-Retry", "false"), ("Request-Id", "req_1"));

        var error = await Assert.ThrowsAsync<StripeException>(() => CreateCustomer(Account()));

        Assert.Single(_handler.Sent);
        Assert.Equal(HttpStatusCode.InternalServerError, error.HttpStatusCode);
        Assert.Equal("req_1", error.StripeResponse?.RequestId);
        Assert.False(error.IsInvalidRequest());
    }

    [Fact]
    public async Task Stripe_should_retry_true_forces_a_retry_of_a_client_error()
    {
        _handler.Answer(HttpStatusCode.BadRequest, """{"error":{"type":"invalid_request_error"}}""", ("Stripe-Should-Retry", "true"))
            .Answer(HttpStatusCode.OK, Customer);

        await CreateCustomer(Account());

        Assert.Equal(2, _handler.Sent.Count);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        _handler.Answer(HttpStatusCode.NotFound,
            """{"error":{"type":"invalid_request_error","code":"resource_missing","param":"id","message":"No such customer: 'cus_x'"}}""");
        var stripe = Account();

        var error = await Assert.ThrowsAsync<StripeException>(() => stripe.V1.Customers.GetAsync("cus_x", null, stripe.Read()));

        Assert.Single(_handler.Sent);
        Assert.True(error.IsInvalidRequest());
        Assert.True(error.IsNotFound());
        Assert.Equal("resource_missing", error.Code());
        Assert.Equal("id", error.StripeError.Param);
        Assert.Equal("No such customer: 'cus_x'", error.Message);
    }

    [Fact]
    public async Task When_retries_run_out_the_last_error_is_thrown()
    {
        _handler.Answer(HttpStatusCode.ServiceUnavailable, ServerError)
            .Answer(HttpStatusCode.TooManyRequests, """{"error":{"type":"invalid_request_error","code":"rate_limit"}}""");

        var error = await Assert.ThrowsAsync<StripeException>(() => CreateCustomer(Account(maxRetries: 1)));

        Assert.Equal(2, _handler.Sent.Count);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.HttpStatusCode);
        Assert.Equal("rate_limit", error.Code());
        Assert.False(error.IsInvalidRequest());
    }

    [Fact]
    public async Task Network_failures_on_every_attempt_end_in_a_stripe_exception_without_a_status()
    {
        _handler.Fail().Fail().Fail();

        var error = await Assert.ThrowsAsync<StripeException>(() => CreateCustomer(Account()));

        Assert.Equal(3, _handler.Sent.Count);
        Assert.Equal(default, error.HttpStatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.False(error.IsInvalidRequest());
        Assert.False(error.IsCardError());
    }

    [Theory]
    [InlineData(402, """{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds"}}""", "card")]
    [InlineData(400, """{"error":{"type":"idempotency_error","message":"Keys for idempotent requests can only be used with the same parameters"}}""",
        "failed")]
    [InlineData(401, """{"error":{"type":"invalid_request_error","message":"Invalid API Key provided"}}""", "failed")]
    [InlineData(400, """{"error":{"type":"invalid_request_error","param":"amount"}}""", "invalid")]
    [InlineData(403, """{"error":{"type":"invalid_request_error"}}""", "invalid")]
    [InlineData(403, "not json", "failed")]
    [InlineData(502, "<html>bad gateway</html>", "failed")]
    public async Task Error_answers_are_told_apart_as_declines_refusals_and_failures(int status, string body, string kind)
    {
        _handler.Answer((HttpStatusCode)status, body);

        var error = await Assert.ThrowsAsync<StripeException>(() => CreateCustomer(Account(maxRetries: 0)));

        Assert.Equal(kind, error.IsCardError() ? "card" : error.IsInvalidRequest() ? "invalid" : "failed");
        Assert.Equal((HttpStatusCode)status, error.HttpStatusCode);
    }

    [Fact]
    public async Task A_card_error_carries_the_decline_code()
    {
        _handler.Answer(HttpStatusCode.PaymentRequired,
            """{"error":{"type":"card_error","code":"card_declined","decline_code":"lost_card","charge":"ch_9","message":"Your """ +
            """card was declined."}}""");
        var stripe = Account();

        var error = await Assert.ThrowsAsync<StripeException>(() =>
            stripe.V1.Invoices.PayAsync("in_1", new InvoicePayOptions(), stripe.Write("pay:in_1:1")));

        Assert.Single(_handler.Sent);
        Assert.True(error.IsCardError());
        Assert.Equal("card_declined", error.Code());
        Assert.Equal("lost_card", error.DeclineCode());
        Assert.Equal("ch_9", error.StripeError.Charge);
    }
}
